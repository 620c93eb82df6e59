import * as fontkit from 'fontkit';
import { createServer, type IncomingMessage } from 'http';
import PDFDocument from 'pdfkit';
import type { PageText } from './pdfLayout';

/**
 * The PDF floor: plain pdfkit laying out text it is given (POST /documents: each document's pages
 * of text runs, read back from the app's PDFs) with the same two DejaVu fonts, each run where the
 * app put it, and answering GET /pdf/<n> with document n. The fonts are parsed once per process and
 * no default font is loaded: the least any program making these PDFs has to do.
 */
const fonts = {
  body: fontkit.openSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  bold: fontkit.openSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))
};
let documents: PageText[][] = [];

function render(pages: PageText[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, font: null as never, info: { CreationDate: new Date('2030-03-14T10:00:00Z') } });
  // pdfkit takes a fontkit font as it is (its types only name paths and buffers).
  doc.registerFont('body', fonts.body as never);
  doc.registerFont('bold', fonts.bold as never);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const page of pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    for (const run of page.runs) doc.font(run.bold ? 'bold' : 'body').fontSize(run.size).text(run.text, run.x, run.y, { lineBreak: false, baseline: 'alphabetic' });
  }
  doc.end();
  return done;
}

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

createServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/documents') {
    documents = JSON.parse(await body(req));
    return void res.writeHead(204).end();
  }
  const n = Number(/^\/pdf\/(\d+)$/.exec(req.url ?? '')?.[1] ?? NaN);
  if (req.method !== 'GET' || !documents[n]) return void res.writeHead(404).end();
  const pdf = await render(documents[n]);
  res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': pdf.length }).end(pdf);
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('{"event":"listening"}\n'));
