import type { IncomingMessage, ServerResponse } from 'http';

/** What an endpoint that takes a JSON body accepts: one JSON document of at most `maxBytes`, never written anywhere. */
export interface JsonRequestLimits {
  maxBytes: number;
}

export type Refusal = { status: 400 | 401 | 413 | 415; error: string };

/** `application/json`, with or without a charset: anything else (a form, an upload) is never read. */
export function isJson(req: IncomingMessage): boolean {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

/** A request whose declared length is over the limit is refused from its headers, before anything of it is read. */
export function declaredTooLarge(req: IncomingMessage, limits: JsonRequestLimits): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limits.maxBytes;
}

/**
 * Reads a JSON body into memory, stopping at the limit (a chunked body declares no length): what
 * was read is dropped, and nothing of it is kept or written anywhere.
 */
export function readJson(req: IncomingMessage, limits: JsonRequestLimits): Promise<{ body: unknown } | Refusal> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (result: { body: unknown } | Refusal) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) {
        req.pause();
        chunks.length = 0;
        stop({ status: 413, error: 'request body too large' });
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        stop({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        stop({ status: 400, error: 'request body is not JSON' });
      }
    };
    const onError = () => stop({ status: 400, error: 'request body could not be read' });
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** How long the rest of a refused body is received (and dropped) after the answer, so the sender reads the answer. */
const LINGER_MS = 1000;

/**
 * Answers a refused request, then closes its connection. The rest of the body is received and
 * dropped, never kept, for a moment after the answer: a connection closed while the sender is still
 * sending is reset, and a reset loses an answer the sender has not read yet (so no `Connection:
 * close` either, which would have Node close it at once).
 */
export function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify({ error: refusal.error });
  res.writeHead(refusal.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body, () => {
    req.resume();
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
}
