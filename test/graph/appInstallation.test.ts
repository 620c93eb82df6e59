import type { TokenCredential } from '@azure/identity';
import { GraphAppInstaller } from '../../src/graph/appInstallation';
import { createGraphClient } from '../../src/graph/graphClient';
import type { Logger } from '../../src/log';
import { FakeGraph, testTls } from '../support/fakeGraph';
import { FakeTeamwork } from '../support/fakeGraphTeamwork';

jest.setTimeout(30000);

const credential: TokenCredential = { getToken: async () => ({ token: 'fake-graph-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
const CATALOG_ID = 'b2f7c1d0-0000-4000-8000-0000000000c1';

describe('installing the app for a person through Microsoft Graph', () => {
  const graph = new FakeGraph(testTls());
  const installed: string[] = [];
  const teamwork = new FakeTeamwork(new Set([CATALOG_ID]), new Set(['aad-soeren', 'aad-maren']), (user) => `19:${user}_bot@unq.gbl.spaces`, (user) => installed.push(user));
  graph.extensions.push(teamwork);
  const warnings: Record<string, unknown>[] = [];
  const log: Logger = { info: () => undefined, warn: (_event, fields) => void warnings.push(fields ?? {}), error: () => undefined };
  const installer = () => new GraphAppInstaller(createGraphClient({ credential, baseUrl: graph.url, timeoutMs: 5000, maxRetries: 3 }), CATALOG_ID, graph.url, log);

  beforeAll(() => graph.start());
  afterAll(() => graph.stop());
  beforeEach(() => {
    graph.recover();
    graph.requests.length = 0;
    warnings.length = 0;
    teamwork.granted.add('TeamsAppInstallation.ReadWriteSelfForUser.All');
  });

  it('installs the app from the catalog and answers with the 1:1 chat of that installation', async () => {
    expect(await installer().installForPerson('aad-soeren')).toBe('19:aad-soeren_bot@unq.gbl.spaces');
    expect(installed).toEqual(['aad-soeren']);
    const post = graph.requests.find((r) => r.method === 'POST')!;
    expect(JSON.parse(post.body.toString())).toEqual({ 'teamsApp@odata.bind': `${graph.url}/v1.0/appCatalogs/teamsApps/${CATALOG_ID}` });
    expect(graph.requests.map((r) => `${r.method} ${r.rawPath}`)).toEqual([
      'POST /v1.0/users/aad-soeren/teamwork/installedApps',
      'GET /v1.0/users/aad-soeren/teamwork/installedApps',
      expect.stringMatching(/^GET \/v1\.0\/users\/aad-soeren\/teamwork\/installedApps\/[^/]+\/chat$/)
    ]);
  });

  it('takes "already installed" (409) as success and finds the chat of the installation there is', async () => {
    await installer().installForPerson('aad-maren');
    graph.requests.length = 0;
    expect(await installer().installForPerson('aad-maren')).toBe('19:aad-maren_bot@unq.gbl.spaces');
    expect(teamwork.installs.filter((i) => i.userId === 'aad-maren').map((i) => i.status)).toEqual([201, 409]);
    expect(warnings).toEqual([]);
  });

  it('waits out a 429 with its Retry-After and a 503, and then installs', async () => {
    graph.failNext('429', '503');
    expect(await installer().installForPerson('aad-soeren')).toBe('19:aad-soeren_bot@unq.gbl.spaces');
    expect(graph.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
  });

  it('answers undefined, and logs the permission to grant, when the app lacks it (403)', async () => {
    teamwork.granted.clear();
    expect(await installer().installForPerson('aad-soeren')).toBeUndefined();
    expect(warnings).toEqual([expect.objectContaining({ status: 403, permission: 'TeamsAppInstallation.ReadWriteSelfForUser.All' })]);
  });

  it('answers undefined for a Graph that keeps failing, after its retries', async () => {
    graph.failAlways('503');
    expect(await installer().installForPerson('aad-soeren')).toBeUndefined();
    expect(graph.requests).toHaveLength(4);
    expect(warnings).toEqual([expect.objectContaining({ status: 503 })]);
  });
});
