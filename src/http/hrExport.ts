import type * as restify from 'restify';
import type { HrOverview } from '../app/hrOverview';
import { translator, type Locale } from '../i18n/catalog';

/**
 * The HR overview's export, through the link signed for one HR member: every unit's figures as a
 * CSV file (the link is checked, and the person's HR membership asked again, before anything is
 * counted). Anything else is a 404 that says nothing.
 */
export function serveHrExport(server: restify.Server, hr: HrOverview, localeOf: (acceptLanguage: string | undefined) => Locale): void {
  server.get('/hr/udviklingssamtaler.csv', async (req, res) => {
    const file = await hr.export(req.query ?? {}, translator(localeOf(req.header('accept-language'))));
    if (!file) {
      res.send(404, { error: 'not found' });
      return;
    }
    const body = Buffer.from(file.csv, 'utf8');
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Length': body.length,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Cache-Control': 'private, no-store'
    });
    res.end(body);
  });
}
