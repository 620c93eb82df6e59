import { Agent, request } from 'http';

export interface RawAnswer {
  status: number;
  /** How many of the body's chunks were sent before the answer came (or the connection closed). */
  sentChunks: number;
  body: string;
}

/**
 * Posts to a URL as an outsider's script would: the headers first, then the body a chunk at a time,
 * resolving with the status the moment an answer comes — also when the server answers (and closes)
 * before most of the body was sent. A closed connection with no answer is status 0. The connection
 * asks to be kept alive, as Teams' and browsers' do, so the server decides when it closes.
 */
export function rawPost(url: string, headers: Record<string, string>, body: { chunk: string; times: number }): Promise<RawAnswer> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise<RawAnswer>((resolve) => {
    let sentChunks = 0;
    let text = '';
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, sentChunks, body: text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, sentChunks, body: text }));
    });
    req.on('error', () => resolve({ status: 0, sentChunks, body: text }));
    req.flushHeaders();
    const next = () => {
      if (req.destroyed) return;
      if (sentChunks >= body.times) return void req.end();
      sentChunks++;
      if (req.write(body.chunk)) setImmediate(next);
      else req.once('drain', next);
    };
    setTimeout(next, 20);
  }).finally(() => agent.destroy());
}
