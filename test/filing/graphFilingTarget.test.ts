import type { TokenCredential } from '@azure/identity';
import { createGraphClient } from '../../src/graph/graphClient';
import { GraphFilingTarget } from '../../src/filing/graphFilingTarget';
import { FilingError, type FilingRequest } from '../../src/app/ports';
import { FakeGraph, testTls } from '../support/fakeGraph';

jest.setTimeout(30000);

const credential: TokenCredential = { getToken: async () => ({ token: 'fake-graph-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
const lene = { id: '00000000-0000-0000-0000-00000000aaaa', name: 'Lene Løvgren' };
const pdf = Buffer.from('%PDF-1.3\n' + 'æøå '.repeat(200));

function request(employeeName: string, bytes = pdf): FilingRequest {
  return { conversationId: 'c1', kind: 'MUS', date: '2026-11-24', owner: lene, employee: { id: 'aad-e', name: employeeName }, folder: employeeName, pdf: bytes };
}

type TargetOptions = Partial<{ timeoutMs: number; simpleUploadLimit: number; chunkSize: number; maxRetries: number }>;

/** The filing target on a drive of the fake Graph, with the upload settings a test may change. */
function graphTarget(graph: FakeGraph, drive: ConstructorParameters<typeof GraphFilingTarget>[0]['drive'], permission: string, options: TargetOptions) {
  const client = createGraphClient({ credential, baseUrl: graph.url, timeoutMs: options.timeoutMs ?? 5000, maxRetries: options.maxRetries ?? 3 });
  return new GraphFilingTarget({
    clientFor: async () => client,
    drive,
    simpleUploadLimit: options.simpleUploadLimit ?? 4 * 1024 * 1024,
    chunkSize: options.chunkSize ?? 320 * 1024,
    timeoutMs: options.timeoutMs ?? 5000,
    permission
  });
}

describe('filing into the leader\'s OneDrive through Microsoft Graph', () => {
  const graph = new FakeGraph(testTls());
  const target = (options: TargetOptions = {}) => graphTarget(graph, { kind: 'oneDrive', rootFolder: 'Personalemapper' }, 'Files.ReadWrite.All', options);

  beforeAll(() => graph.start());
  afterAll(() => graph.stop());
  beforeEach(() => {
    graph.recover();
    graph.requests.length = 0;
    graph.files.clear();
  });

  it('puts the PDF, byte for byte, at the exactly encoded path under the leader\'s personnel folder', async () => {
    const receipt = await target().file(request('Søren Ærø'));
    expect(graph.uploads().map((r) => `${r.method} ${r.rawPath}?${new URLSearchParams(r.query)}`)).toEqual([
      'PUT /v1.0/users/00000000-0000-0000-0000-00000000aaaa/drive/root:/Personalemapper/S%C3%B8ren%20%C3%86r%C3%B8/MUS%202026-11-24%20S%C3%B8ren%20%C3%86r%C3%B8.pdf:/content?%40microsoft.graph.conflictBehavior=fail'
    ]);
    expect(graph.uploads()[0].body.equals(pdf)).toBe(true);
    expect(graph.uploads()[0].authorization).toBe('Bearer fake-graph-token');
    expect(receipt).toEqual({
      location: 'Personalemapper/Søren Ærø/MUS 2026-11-24 Søren Ærø.pdf',
      fileName: 'MUS 2026-11-24 Søren Ærø.pdf',
      webUrl: expect.stringMatching(/^https:\/\//)
    });
  });

  it('makes a name with OneDrive\'s illegal characters safe, so nothing escapes the folder', async () => {
    await target().file(request('Ann/Kristin: "A" <..\\..> | *?  .'));
    const path = graph.uploads()[0].rawPath;
    expect(path).toBe('/v1.0/users/00000000-0000-0000-0000-00000000aaaa/drive/root:/Personalemapper/Ann-Kristin-%20-A-%20-..-..-%20-%20--/MUS%202026-11-24%20Ann-Kristin-%20-A-%20-..-..-%20-%20--.pdf:/content');
    expect([...graph.files.keys()]).toEqual([`${lene.id}/Personalemapper/Ann-Kristin- -A- -..-..- - --/MUS 2026-11-24 Ann-Kristin- -A- -..-..- - --.pdf`]);
  });

  it('honours Retry-After on 429 and files once when Graph throttles twice', async () => {
    graph.failNext('429', '429');
    const started = Date.now();
    await target().file(request('Søren Ærø'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(graph.uploads()).toHaveLength(3);
    expect(graph.files.size).toBe(1);
  });

  it('gives up a request that hangs, and files on the retry', async () => {
    graph.failNext('hang');
    await target({ timeoutMs: 500 }).file(request('Søren Ærø'));
    expect(graph.uploads()).toHaveLength(2);
    expect(graph.files.size).toBe(1);
  });

  it('reports an outage as unavailable and a refused token as a missing permission', async () => {
    graph.failAlways('503');
    await expect(target({ maxRetries: 1 }).file(request('Søren Ærø'))).rejects.toMatchObject({ kind: 'unavailable', status: 503 });
    graph.failAlways('403');
    const error = await target({ maxRetries: 1 }).file(request('Søren Ærø')).catch((e) => e);
    expect(error).toBeInstanceOf(FilingError);
    expect(error).toMatchObject({ kind: 'permission', status: 403, permission: 'Files.ReadWrite.All' });
  });

  it('never files twice: an earlier upload that succeeded unseen is recognised by its bytes', async () => {
    await target().file(request('Søren Ærø'));
    const again = await target().file(request('Søren Ærø'));
    expect(again.fileName).toBe('MUS 2026-11-24 Søren Ærø.pdf');
    expect(graph.files.size).toBe(1);
  });

  it('files a different plan with the same name beside the first, never over it', async () => {
    await target().file(request('Søren Ærø'));
    const second = await target().file(request('Søren Ærø', Buffer.from('%PDF-1.3 another plan')));
    expect(second.fileName).toBe('MUS 2026-11-24 Søren Ærø (2).pdf');
    expect(graph.files.size).toBe(2);
  });

  it('uploads a file over the simple-upload limit through an upload session, without the token on the upload URL', async () => {
    const large = Buffer.alloc(700 * 1024, 7);
    await target({ simpleUploadLimit: 64 * 1024 }).file(request('Søren Ærø', large));
    const chunks = graph.requests.filter((r) => r.rawPath.startsWith('/upload/'));
    expect(chunks).toHaveLength(3);
    expect(chunks.every((c) => c.authorization === undefined)).toBe(true);
    expect([...graph.files.values()][0].bytes.equals(large)).toBe(true);
  });
});

describe('filing into the personnel archive, a SharePoint document library, through Microsoft Graph', () => {
  const graph = new FakeGraph(testTls());
  const driveId = 'b!Yk9xQ2_personale-arkiv';
  const target = (maxRetries = 3) => graphTarget(graph, { kind: 'library', driveId }, 'Sites.Selected', { maxRetries });

  beforeAll(() => graph.start());
  afterAll(() => graph.stop());
  beforeEach(() => {
    graph.recover();
    graph.requests.length = 0;
    graph.files.clear();
    graph.libraries.set(driveId, true);
  });

  it('puts the PDF in the employee\'s folder at the library\'s root, with the same name as in a OneDrive', async () => {
    const receipt = await target().file(request('Søren Ærø'));
    expect(graph.uploads().map((r) => `${r.method} ${r.rawPath}`)).toEqual([
      'PUT /v1.0/drives/b!Yk9xQ2_personale-arkiv/root:/S%C3%B8ren%20%C3%86r%C3%B8/MUS%202026-11-24%20S%C3%B8ren%20%C3%86r%C3%B8.pdf:/content'
    ]);
    expect(graph.uploads()[0].query).toEqual({ '@microsoft.graph.conflictBehavior': 'fail' });
    expect([...graph.files.keys()]).toEqual([`drives/${driveId}/Søren Ærø/MUS 2026-11-24 Søren Ærø.pdf`]);
    expect(receipt).toEqual({ location: 'Søren Ærø/MUS 2026-11-24 Søren Ærø.pdf', fileName: 'MUS 2026-11-24 Søren Ærø.pdf', webUrl: expect.stringContaining('https://kommune.sharepoint.example/sites/personale/') });
  });

  it('keeps every leader\'s plans for the employee in one folder: one set of personnel files, whoever files', () => {
    const other = { id: 'aad-other-leader', name: 'Mette' };
    expect(target().filesOf(lene)).toBe(target().filesOf(other));
    expect(target().filesOf(lene)).not.toBe(lene.id);
  });

  it('never files twice and never overwrites: the same bytes are recognised, a different plan goes beside it', async () => {
    await target().file(request('Søren Ærø'));
    expect((await target().file(request('Søren Ærø'))).fileName).toBe('MUS 2026-11-24 Søren Ærø.pdf');
    expect((await target().file(request('Søren Ærø', Buffer.from('%PDF-1.3 another plan')))).fileName).toBe('MUS 2026-11-24 Søren Ærø (2).pdf');
    expect(graph.files.size).toBe(2);
  });

  it('names Sites.Selected when the archive\'s site was not granted to the app, as a failure in the archive', async () => {
    graph.libraries.set(driveId, false);
    const error = await target(1).file(request('Søren Ærø')).catch((e) => e);
    expect(error).toBeInstanceOf(FilingError);
    expect(error).toMatchObject({ kind: 'permission', status: 403, permission: 'Sites.Selected', place: 'archive' });
    expect(graph.files.size).toBe(0);
  });

  it('honours Retry-After on 429 and files once', async () => {
    graph.failNext('429');
    const started = Date.now();
    await target().file(request('Søren Ærø'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(graph.uploads()).toHaveLength(2);
    expect(graph.files.size).toBe(1);
  });

  it('uploads a large plan through an upload session into the library', async () => {
    const large = Buffer.alloc(700 * 1024, 7);
    await graphTarget(graph, { kind: 'library', driveId }, 'Sites.Selected', { simpleUploadLimit: 64 * 1024 }).file(request('Søren Ærø', large));
    expect(graph.requests.filter((r) => r.rawPath.endsWith(':/createUploadSession')).map((r) => r.rawPath)).toEqual([
      '/v1.0/drives/b!Yk9xQ2_personale-arkiv/root:/S%C3%B8ren%20%C3%86r%C3%B8/MUS%202026-11-24%20S%C3%B8ren%20%C3%86r%C3%B8.pdf:/createUploadSession'
    ]);
    expect([...graph.files.values()][0].bytes.equals(large)).toBe(true);
  });
});
