import { connect, type AddressInfo } from 'net';
import type { Server } from 'restify';
import { createServer, serverLimits, type HttpDependencies } from '../../src/http/server';
import { rawPost } from '../support/rawPost';

/**
 * The HTTP surface against what an outsider sends to /api/messages: the endpoint's own checks,
 * in-process, with small limits so a timeout shows in milliseconds.
 */
const limits = { ...serverLimits, maxBytes: 64 * 1024, idleTimeoutMs: 300, maxConnections: 3 };
const GOOD = 'Bearer good';

let server: Server;
let port = 0;
const calls = { admits: [] as string[], handled: [] as unknown[] };

beforeAll(async () => {
  const deps = {
    messages: {
      admits: async (authorization: string) => (calls.admits.push(authorization), authorization === GOOD),
      handle: async (req: { body: unknown }, res: { send: (status: number, body: unknown) => void }) => (calls.handled.push(req.body), res.send(200, { ok: true }))
    },
    concepts: { get: () => undefined },
    localeOf: () => 'da',
    limits
  } as unknown as HttpDependencies;
  server = createServer(deps);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls.admits.length = 0;
  calls.handled.length = 0;
});

const post = (headers: Record<string, string>, body: { chunk: string; times: number }) => rawPost(`http://127.0.0.1:${port}/api/messages`, headers, body);

const chunk = 'x'.repeat(16 * 1024);
const json = { 'Content-Type': 'application/json; charset=utf-8' };

describe('/api/messages', () => {
  it('takes a JSON activity from an admitted sender and hands it to the bot', async () => {
    const answer = await post({ ...json, Authorization: GOOD }, { chunk: '{"type":"message","text":"hjælp"}', times: 1 });
    expect(answer.status).toBe(200);
    expect(calls.handled).toEqual([{ type: 'message', text: 'hjælp' }]);
  });

  it.each([
    ['a multipart upload', { 'Content-Type': 'multipart/form-data; boundary=x' }],
    ['a cross-origin form post', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['a text/plain post (what a web page can send without asking)', { 'Content-Type': 'text/plain' }],
    ['no content type', {} as Record<string, string>]
  ])('refuses %s with 415 from its headers, before the sender is checked or the body read', async (_name, headers) => {
    const answer = await post({ ...headers, Authorization: GOOD }, { chunk, times: 2000 });
    expect(answer.status).toBe(415);
    expect(answer.sentChunks).toBeLessThan(2000);
    expect(calls.admits).toEqual([]);
    expect(calls.handled).toEqual([]);
  });

  it('checks the sender before reading the body: a request without a valid token is refused with 401 while it is still sending', async () => {
    const answer = await post({ ...json, Authorization: 'Bearer forged' }, { chunk, times: 2000 });
    expect(answer.status).toBe(401);
    expect(answer.sentChunks).toBeLessThan(2000);
    expect(calls.admits).toEqual(['Bearer forged']);
    expect(calls.handled).toEqual([]);
  });

  it('refuses a declared length over the limit with 413 before anything else', async () => {
    const answer = await post({ ...json, 'Content-Length': String(30 * 1024 * 1024), Authorization: GOOD }, { chunk, times: 2000 });
    expect(answer.status).toBe(413);
    expect(calls.admits).toEqual([]);
  });

  it('stops reading a chunked body at the limit, answers 413, and never hands it on', async () => {
    const answer = await post({ ...json, Authorization: GOOD }, { chunk, times: 2000 });
    expect(answer.status).toBe(413);
    expect(answer.sentChunks).toBeLessThan(2000);
    expect(calls.handled).toEqual([]);
  });

  it('answers a body that is not JSON with 400', async () => {
    const answer = await post({ ...json, Authorization: GOOD }, { chunk: '{"type":', times: 1 });
    expect(answer.status).toBe(400);
    expect(calls.handled).toEqual([]);
  });

  it('closes a connection that stops sending in the middle of its headers', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.write('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl');
    const started = Date.now();
    await new Promise((resolve) => socket.on('close', resolve));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('holds no more connections than its cap', async () => {
    const sockets = Array.from({ length: limits.maxConnections + 2 }, () => connect(port, '127.0.0.1'));
    const closed = await Promise.all(
      sockets.map((socket) => new Promise<boolean>((resolve) => {
        socket.on('close', () => resolve(true));
        setTimeout(() => resolve(false), limits.idleTimeoutMs / 2);
      }))
    );
    expect(closed.filter(Boolean)).toHaveLength(2);
    sockets.forEach((socket) => socket.destroy());
  });
});
