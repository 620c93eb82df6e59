import type { TokenCredential } from '@azure/identity';
import { mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PersonnelFolders } from '../../src/app/personnelFolders';
import type { FilingTarget } from '../../src/app/ports';
import type { Person } from '../../src/domain/conversation';
import { GraphFilingTarget } from '../../src/filing/graphFilingTarget';
import { LocalFolderTarget } from '../../src/filing/localFolderTarget';
import { createGraphClient } from '../../src/graph/graphClient';
import { recordSource } from '../../src/storage/versionedStore';
import { leader } from '../support/conversations';
import { FakeGraph, testTls } from '../support/fakeGraph';
import { fileMus } from '../support/filedPlans';
import { MemoryStorage } from '../support/memoryStorage';

jest.setTimeout(30000);


const soeren: Person = { id: 'aad-soeren-1', name: 'Søren Ærø' };
const otherSoeren: Person = { id: 'aad-soeren-2', name: 'Søren Ærø' };

const graph = new FakeGraph(testTls());
beforeAll(() => graph.start());
afterAll(() => graph.stop());

/** Each filing target, and the files in the leader's personnel folder as `<employee folder>/<file>`. */
const targets: [string, () => { target: FilingTarget; files: () => string[] }][] = [
  ['the local OneDrive-shaped folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'personnel-'));
    const personnel = join(root, 'Lene Løvgren', 'Personalemapper');
    return {
      target: new LocalFolderTarget(root),
      files: () => readdirSync(personnel).flatMap((folder) => readdirSync(join(personnel, folder)).map((file) => `${folder}/${file}`)).sort()
    };
  }],
  ["the leader's OneDrive through Microsoft Graph (the fake)", () => {
    graph.files.clear();
    const credential: TokenCredential = { getToken: async () => ({ token: 'fake-graph-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
    const client = createGraphClient({ credential, baseUrl: graph.url, timeoutMs: 5000, maxRetries: 0 });
    const prefix = `${leader.id}/Personalemapper/`;
    return {
      target: new GraphFilingTarget({ clientFor: async () => client, drive: { kind: 'oneDrive', rootFolder: 'Personalemapper' }, simpleUploadLimit: 4 * 1024 * 1024, chunkSize: 320 * 1024, timeoutMs: 5000, permission: 'Files.ReadWrite.All' }),
      files: () => [...graph.files.keys()].map((key) => key.slice(prefix.length)).sort()
    };
  }]
];

describe.each(targets)('personnel folders in %s', (_name, make) => {
  it('gives two employees with the same name two folders, and a renamed employee keeps theirs', async () => {
    const storage = new MemoryStorage();
    const { target, files } = make();
    await fileMus(storage, target, soeren, '2026-12-01');
    await fileMus(storage, target, otherSoeren, '2026-12-02');
    await fileMus(storage, target, { ...soeren, name: 'Søren Ærø Hansen' }, '2027-11-30');
    await fileMus(storage, target, otherSoeren, '2027-12-01');
    const folders = [...new Set(files().map((f) => f.split('/')[0]))].sort();
    expect(folders).toEqual(['Søren Ærø', 'Søren Ærø (2)']);
    const inFolder = (folder: string) => files().filter((f) => f.startsWith(`${folder}/`)).map((f) => f.slice(folder.length + 1));
    expect(inFolder('Søren Ærø').map((f) => f.slice(0, 14))).toEqual(['MUS 2026-12-01', 'MUS 2027-11-30']);
    expect(inFolder('Søren Ærø (2)').map((f) => f.slice(0, 14))).toEqual(['MUS 2026-12-02', 'MUS 2027-12-01']);
  });
});

describe('the folder decision', () => {
  it('is the same in two app instances deciding at the same moment, and never gives one folder to two people', async () => {
    const storage = new MemoryStorage();
    const [a, b] = [PersonnelFolders.in(recordSource(storage)), PersonnelFolders.in(recordSource(storage))];
    const decided = await Promise.all([a.folderFor(leader.id, soeren), b.folderFor(leader.id, otherSoeren), b.folderFor(leader.id, soeren), a.folderFor(leader.id, otherSoeren)]);
    expect(decided[0]).toBe(decided[2]);
    expect(decided[1]).toBe(decided[3]);
    expect(new Set(decided)).toEqual(new Set(['Søren Ærø', 'Søren Ærø (2)']));
  });

  it('treats names that differ only in case as the same folder, as OneDrive does, and keeps names out of record keys', async () => {
    const storage = new MemoryStorage();
    const folders = PersonnelFolders.in(recordSource(storage));
    expect(await folders.folderFor(leader.id, soeren)).toBe('Søren Ærø');
    expect(await folders.folderFor(leader.id, { id: 'aad-soeren-3', name: 'SØREN ÆRØ' })).toBe('SØREN ÆRØ (2)');
    expect(await folders.folderFor('aad-other-leader', otherSoeren)).toBe('Søren Ærø');
    expect(storage.touched.written.filter((key) => /søren|ærø/i.test(key))).toEqual([]);
  });
});
