import { readFile } from 'fs/promises';
import * as restify from 'restify';
import type { ConceptCatalog } from '../app/conceptCatalog';
import type { HrOverview } from '../app/hrOverview';
import type { PlanCopies } from '../app/planCopies';
import { picturePath } from '../concepts';
import type { Locale } from '../i18n/catalog';
import { serveHrExport } from './hrExport';

export interface HttpDependencies {
  /** `/api/messages`: the Teams edge's endpoint. */
  messages: restify.RequestHandler;
  planCopies: PlanCopies;
  concepts: ConceptCatalog;
  conceptsDir: string;
  /** The language of a downloaded copy, from the browser's Accept-Language. */
  localeOf: (acceptLanguage: string | undefined) => Locale;
  /** The HR overview's export (`/hr/udviklingssamtaler.csv`), where the app has one. */
  hr?: HrOverview;
}

/** The app's HTTP surface: the Bot Framework endpoint, participants' plan downloads, the concepts' pictures, health. */
export function createServer(deps: HttpDependencies): restify.Server {
  const server = restify.createServer({ name: 'udviklingssamtaler' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
  server.use(restify.plugins.queryParser());

  server.post('/api/messages', deps.messages);

  // A participant's own copy of a finished plan, through a link signed for them.
  server.get('/plans/:file', async (req, res) => {
    const match = /^([0-9a-f-]{36})\.pdf$/.exec(String(req.params.file));
    const copy = match ? await deps.planCopies.copy(match[1], req.query ?? {}, deps.localeOf(req.header('accept-language'))) : undefined;
    if (!copy) {
      res.send(404, { error: 'not found' });
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Length': copy.pdf.length,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(copy.fileName)}`,
      'Cache-Control': 'private, no-store'
    });
    res.end(copy.pdf);
  });

  // The concepts' picture tiles, for the cards: only files a concept lists, so no other path can be asked for.
  server.get('/concepts/:concept/pictures/:file', async (req, res) => {
    const concept = deps.concepts.get(String(req.params.concept));
    const picture = concept?.pictures.find((p) => p.file === String(req.params.file));
    if (!concept || !picture) {
      res.send(404, { error: 'not found' });
      return;
    }
    const bytes = await readFile(picturePath(deps.conceptsDir, concept.id, picture.file));
    res.writeHead(200, { 'Content-Type': picture.file.endsWith('.png') ? 'image/png' : 'image/jpeg', 'Content-Length': bytes.length, 'Cache-Control': 'public, max-age=86400' });
    res.end(bytes);
  });

  if (deps.hr) serveHrExport(server, deps.hr, deps.localeOf);

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });
  return server;
}
