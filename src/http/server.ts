import { readFile } from 'fs/promises';
import * as restify from 'restify';
import type { ConceptCatalog } from '../app/conceptCatalog';
import type { HrOverview } from '../app/hrOverview';
import type { PlanCopies } from '../app/planCopies';
import { picturePath } from '../concepts';
import type { Locale } from '../i18n/catalog';
import { serveHrExport } from './hrExport';
import { declaredTooLarge, isJson, readJson, refuse, type JsonRequestLimits } from './jsonRequests';

/** The Bot Framework endpoint as the HTTP surface sees it: who may send, checked before the body is read, then the turn. */
export interface MessagesEndpoint {
  /** Whether a request's Authorization header admits it (outside local mode: a valid Bot Connector token). */
  admits(authorization: string): Promise<boolean>;
  /** Runs the turn of an admitted request, its JSON body read into `req.body`. */
  handle(req: restify.Request, res: restify.Response): Promise<void>;
}

/**
 * What one connection may cost. Teams posts an activity of a few kilobytes (a card's inputs at most
 * some tens); the body limit bounds the memory of every open request together with the connection
 * cap. A connection that sends nothing for the idle time is closed (every answer is given within
 * seconds, well inside it); headers and the whole request must arrive in time, so a sender trickling
 * a byte at a time cannot hold a connection either (Node checks those two every 30 seconds).
 */
export interface ServerLimits extends JsonRequestLimits {
  idleTimeoutMs: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
}

export const serverLimits: ServerLimits = { maxBytes: 256 * 1024, idleTimeoutMs: 15_000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 500 };

export interface HttpDependencies {
  /** `/api/messages`: the Teams edge's endpoint. */
  messages: MessagesEndpoint;
  planCopies: PlanCopies;
  concepts: ConceptCatalog;
  conceptsDir: string;
  /** The language of a downloaded copy, from the browser's Accept-Language. */
  localeOf: (acceptLanguage: string | undefined) => Locale;
  /** The HR overview's export (`/hr/udviklingssamtaler.csv`), where the app has one. */
  hr?: HrOverview;
  limits?: ServerLimits;
}

/** The app's HTTP surface: the Bot Framework endpoint, participants' plan downloads, the concepts' pictures, health. */
export function createServer(deps: HttpDependencies): restify.Server {
  const limits = deps.limits ?? serverLimits;
  const server = restify.createServer({ name: 'udviklingssamtaler' });
  server.server.setTimeout(limits.idleTimeoutMs);
  server.server.headersTimeout = limits.headersTimeoutMs;
  server.server.requestTimeout = limits.requestTimeoutMs;
  server.server.maxConnections = limits.maxConnections;
  server.use(restify.plugins.queryParser());

  // No body parser for the whole server: only this endpoint takes a body, and only JSON. A form or an
  // upload is refused from its headers (a web page's cross-origin form post cannot send JSON), the
  // sender is checked before the body is read, and the body is read into memory up to the limit.
  server.post('/api/messages', async (req, res) => {
    if (!isJson(req)) return refuse(req, res, { status: 415, error: 'application/json only' });
    if (declaredTooLarge(req, limits)) return refuse(req, res, { status: 413, error: 'request body too large' });
    if (!(await deps.messages.admits(req.header('authorization') ?? ''))) return refuse(req, res, { status: 401, error: 'Unauthorized' });
    const read = await readJson(req, limits);
    if (!('body' in read)) return refuse(req, res, read);
    req.body = read.body;
    await deps.messages.handle(req, res);
  });

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
