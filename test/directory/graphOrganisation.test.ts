import type { TokenCredential } from '@azure/identity';
import { DirectoryError } from '../../src/app/ports';
import { GraphHrMembership, GraphOrganisation } from '../../src/directory/graphOrganisation';
import { createGraphClient } from '../../src/graph/graphClient';
import type { Logger } from '../../src/log';
import { FakeGraph, testTls } from '../support/fakeGraph';
import { FakeOrganisation } from '../support/fakeGraphOrganisation';

jest.setTimeout(30000);

const credential: TokenCredential = { getToken: async () => ({ token: 'fake-graph-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const HR_GROUP = '5d6f2b8e-0000-4000-8000-00000000a001';
const NESTED = '5d6f2b8e-0000-4000-8000-00000000a002';

describe('the organisation and the HR group from Microsoft Graph', () => {
  const graph = new FakeGraph(testTls());
  const org = new FakeOrganisation();
  graph.extensions.push(org);
  let now = new Date('2031-02-20T09:00:00Z');
  const client = () => createGraphClient({ credential, baseUrl: graph.url, timeoutMs: 5000, maxRetries: 3 });

  beforeAll(async () => {
    await graph.start();
    for (let i = 0; i < 250; i++) {
      org.users.push({ id: `u${i}`, displayName: `Bruger ${i}`, ...(i % 50 === 0 ? {} : { managerId: `u${i - (i % 50)}` }), department: i < 125 ? 'Borgerservice' : 'Økonomi' });
    }
    org.users.push({ id: 'gone', displayName: 'Fratrådt', accountEnabled: false, department: 'Økonomi' }, { id: 'guest', displayName: 'Gæst', userType: 'Guest' });
    org.groups.set(HR_GROUP, ['u7', NESTED]);
    org.groups.set(NESTED, ['u8']);
  });
  afterAll(() => graph.stop());
  beforeEach(() => {
    graph.recover();
    graph.requests.length = 0;
    org.served.length = 0;
  });

  it('pages through every user with department and manager, 100 a page as Graph serves an $expand, leaving out disabled accounts and guests', async () => {
    const organisation = new GraphOrganisation(client(), quiet, { maxAgeMs: 60_000, now: () => now });
    const members = await organisation.members();
    expect(members).toHaveLength(250);
    expect(members[1]).toEqual({ id: 'u1', name: 'Bruger 1', department: 'Borgerservice', managerId: 'u0' });
    expect(members[0]).toEqual({ id: 'u0', name: 'Bruger 0', department: 'Borgerservice' });
    expect(org.served.map((s) => [s.page, s.size])).toEqual([[0, 100], [1, 100], [2, 100]]);
    const first = graph.requests.find((r) => r.rawPath === '/v1.0/users')!;
    expect(first.query).toEqual({ $select: 'id,displayName,department,accountEnabled,userType', $expand: 'manager($select=id)', $top: '999' });

    // Kept for a while: drilling down does not read the directory again.
    await organisation.members();
    expect(org.served).toHaveLength(3);
    now = new Date(now.getTime() + 61_000);
    await organisation.members();
    expect(org.served).toHaveLength(6);
  });

  it('waits as Graph says when it throttles in the middle of paging, and goes on', async () => {
    org.throttlePage = 1;
    const started = Date.now();
    const members = await new GraphOrganisation(client(), quiet, { maxAgeMs: 0, now: () => now }).members();
    expect(members).toHaveLength(250);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(graph.requests.filter((r) => r.rawPath === '/v1.0/users')).toHaveLength(4);
  });

  it('names the missing permission on a 403, and asks again after a failure', async () => {
    org.usersForbidden = true;
    const organisation = new GraphOrganisation(client(), quiet, { maxAgeMs: 60_000, now: () => now });
    await expect(organisation.members()).rejects.toMatchObject({ kind: 'permission', status: 403, permission: 'User.Read.All' });
    org.usersForbidden = false;
    expect(await organisation.members()).toHaveLength(250);
  });

  it('asks checkMemberGroups whether a person is in the HR group, nested groups included', async () => {
    const membership = new GraphHrMembership(client(), HR_GROUP, quiet);
    expect(await membership.isHr('u7')).toBe(true);
    expect(await membership.isHr('u8')).toBe(true);
    expect(await membership.isHr('u9')).toBe(false);
    expect(await membership.isHr('nobody')).toBe(false);
    const asked = graph.requests.filter((r) => r.rawPath.endsWith('/checkMemberGroups'));
    expect(asked.map((r) => [r.method, r.rawPath, JSON.parse(r.body.toString())])).toEqual(['u7', 'u8', 'u9', 'nobody'].map((id) => ['POST', `/v1.0/users/${id}/checkMemberGroups`, { groupIds: [HR_GROUP] }]));
    org.groupsForbidden = true;
    await expect(membership.isHr('u7')).rejects.toBeInstanceOf(DirectoryError);
    await expect(membership.isHr('u7')).rejects.toMatchObject({ kind: 'permission', permission: 'GroupMember.Read.All' });
    org.groupsForbidden = false;
    graph.failAlways('503');
    await expect(new GraphHrMembership(createGraphClient({ credential, baseUrl: graph.url, timeoutMs: 5000, maxRetries: 0 }), HR_GROUP, quiet).isHr('u7')).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('is served by a fake that keeps Graph\'s limits: $top above 999, and $count without ConsistencyLevel, are refused', async () => {
    const c = client();
    await expect(c.api('/users?$top=1000').get()).rejects.toMatchObject({ statusCode: 400 });
    await expect(c.api('/users?$count=true').get()).rejects.toMatchObject({ statusCode: 400 });
    const plain = await c.api('/users?$top=999').get();
    expect(plain.value).toHaveLength(252);
    expect(plain.value[1].department).toBeUndefined();
    expect(plain.value[1].manager).toBeUndefined();
  });
});
