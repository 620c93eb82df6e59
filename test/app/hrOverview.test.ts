import { ConversationService } from '../../src/app/conversationService';
import { CoverageIndex } from '../../src/app/coverageIndex';
import { ExportLinks } from '../../src/app/exportLinks';
import { HrOverview, type UnitView } from '../../src/app/hrOverview';
import { DirectoryError, type HrMembership, type Organisation } from '../../src/app/ports';
import { hrOverviewCard } from '../../src/cards/hrViews';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import type { OrganisationMember } from '../../src/domain/organisation';
import { translator } from '../../src/i18n/catalog';
import type { Logger } from '../../src/log';
import { recordSource } from '../../src/storage/versionedStore';
import { albertslund } from '../support/concepts';
import { MemoryStorage } from '../support/memoryStorage';
import { textOf } from '../support/teamsClient';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const da = translator('da');
const clock = { now: () => new Date('2027-06-01T10:00:00Z'), timeZone: 'Europe/Copenhagen' };
const HR = 'aad-hr';

/** The organisation and HR group as the directory would say, counting how often each is asked. */
class Directory implements Organisation, HrMembership {
  asked = { members: 0, membership: 0 };
  hr = new Set([HR]);
  failure?: DirectoryError;
  constructor(public people: OrganisationMember[]) {}
  async members() {
    this.asked.members++;
    if (this.failure) throw this.failure;
    return this.people;
  }
  async isHr(personId: string) {
    this.asked.membership++;
    if (this.failure) throw this.failure;
    return this.hr.has(personId);
  }
}

/** A finished MUS (or a planned one) between a leader and one employee, as stored: a small concept, no notes. */
function mus(id: string, leaderId: string, employeeId: string, date: string, phase: 'finished' | 'preparing', extra: Partial<DevelopmentConversation> = {}): DevelopmentConversation {
  return {
    id, revision: 3, kind: 'MUS', concept: { ...albertslund(), perspectives: [], keywords: [] }, date, format: 'table', phase, step: 0,
    participants: [{ id: leaderId, name: leaderId, role: 'leader' }, { id: employeeId, name: employeeId, role: 'employee' }],
    picks: {}, notes: {}, keywordsInPlay: {}, agreements: [], createdAt: `${date}T08:00:00.000Z`, ...extra
  };
}

function setup(people: OrganisationMember[]) {
  const storage = new MemoryStorage();
  const records = recordSource(storage);
  const index = CoverageIndex.in(records, { clock, keywordTrends: false, log: quiet });
  const directory = new Directory(people);
  const links = new ExportLinks('https://bot.kommune.example', 'an-hr-test-secret-of-thirty-two-bytes', clock.now);
  const hr = new HrOverview({ membership: directory, organisation: directory, index, units: { by: 'department' }, clock, annualNoticeDays: 30, links, log: quiet });
  return { storage, records, index, directory, links, hr };
}

const shown = (outcome: Awaited<ReturnType<HrOverview['view']>>): UnitView => {
  if (outcome.kind !== 'shown') throw new Error(outcome.kind);
  return outcome.view;
};

describe('the HR overview', () => {
  const people: OrganisationMember[] = [
    { id: 'lene', name: 'Lene Løvgren', department: 'Borgerservice', managerId: 'dir' },
    { id: 'soeren', name: 'Søren Ærø', department: 'Borgerservice', managerId: 'lene' },
    { id: 'ahmad', name: 'Ahmad Jensen', department: 'Borgerservice', managerId: 'lene' },
    { id: 'mette', name: 'Mette Østergaard', department: 'Økonomi', managerId: 'dir' },
    { id: 'dir', name: 'Dorte Direktør', department: 'Direktionen' }
  ];

  it('counts from the index, kept by the conversation service on every change, and shows an HR member the organisation and its units', async () => {
    const { records, index, hr } = setup(people);
    const service = ConversationService.in(records, clock, { observer: index });
    const created = await service.create({ kind: 'MUS', concept: albertslund(), leader: { id: 'lene', name: 'Lene Løvgren' }, employees: [{ id: 'soeren', name: 'Søren Ærø' }], date: '2027-06-10', format: 'table', questionTexts: {} }, 'origin-1');
    if (!created.ok) throw new Error(created.error.code);
    let view = shown(await hr.view(HR, 'org', da));
    expect(view.unit.figures).toMatchObject({ employees: 5, covered: 0, planned: 1, overdue: 4, never: 4 });

    const id = created.value.conversation.id;
    for (const who of ['lene', 'soeren']) await service.act(id, who, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
    await service.act(id, 'lene', { type: 'start' });
    await service.act(id, 'lene', { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what: 'Kursus', when: 'snart', responsibleId: 'soeren', followUpDate: '2027-06-20', valueFor: [] } });
    await service.act(id, 'lene', { type: 'finish' });
    await service.recordFiling(id, { location: 'Personalemapper/Søren Ærø', filedAt: '2027-06-10T10:00:00Z' });
    view = shown(await hr.view(HR, 'org', da));
    expect(view.unit.figures).toMatchObject({ employees: 5, covered: 1, byKind: { MUS: 1, GRUS: 0, LUS: 0 }, planned: 0, overdue: 4, filed: 1, leaders: 2, leadersCovered: 0 });
    // The units: the one furthest behind first.
    expect(view.units.map((u) => [u.name, u.figures.covered, u.figures.employees])).toEqual([['Direktionen', 0, 1], ['Økonomi', 0, 1], ['Borgerservice', 1, 3]]);

    const unit = shown(await hr.view(HR, 'dep:Borgerservice', da));
    expect(unit.path).toEqual([{ id: 'org', name: 'Hele organisationen' }]);
    expect(unit.units.map((u) => [u.name, u.figures.employees, u.figures.covered])).toEqual([['Dorte Direktør', 1, 0], ['Lene Løvgren', 2, 1]]);
    const card = textOf(hrOverviewCard(unit, 0, da, 30));
    expect(card).toContain('Borgerservice');
    // Counts only: no employee's name, no keywords, nothing of the agreement.
    for (const hidden of ['Søren', 'Ahmad', 'Kursus', 'Mod', 'Ansvar']) expect(card).not.toContain(hidden);
  });

  it('refuses anyone outside the HR group with nothing counted, and says so when the directory cannot be asked', async () => {
    const { hr, directory, storage } = setup(people);
    expect(await hr.view('lene', 'org', da)).toEqual({ kind: 'refused' });
    expect([directory.asked.members, storage.touched.reads]).toEqual([0, 0]);
    directory.failure = new DirectoryError('permission', 403, 'denied', 'GroupMember.Read.All');
    expect(await hr.view(HR, 'org', da)).toEqual({ kind: 'unavailable', permission: 'GroupMember.Read.All' });
    const off = new HrOverview({ organisation: directory, index: CoverageIndex.in(recordSource(new MemoryStorage()), { clock, keywordTrends: false, log: quiet }), units: { by: 'department' }, clock, annualNoticeDays: 30, links: new ExportLinks('https://x', 'an-hr-test-secret-of-thirty-two-bytes', clock.now), log: quiet });
    expect(await off.view(HR, 'org', da)).toEqual({ kind: 'disabled' });
  });

  it('exports the same figures as the card, only through a genuine, unexpired link, and only while the person is in the HR group', async () => {
    const { hr, index, directory, links } = setup(people);
    await index.changed(mus('c1', 'lene', 'soeren', '2027-01-10', 'finished', { filing: { location: 'x', filedAt: '2027-01-10T12:00:00Z' } }));
    await index.changed(mus('c2', 'dir', 'mette', '2026-03-01', 'finished'));
    const view = shown(await hr.view(HR, 'org', da));
    const url = new URL(view.exportUrl);
    const query = Object.fromEntries(url.searchParams);
    const file = (await hr.export(query, da))!;
    expect(file.fileName).toBe('Udviklingssamtaler 2027-06-01.csv');
    expect(file.csv.startsWith('\uFEFFNiveau;Enhed;Overordnet enhed;Medarbejdere;')).toBe(true);
    const lines = file.csv.slice(1).trimEnd().split('\r\n').map((l) => l.split(';'));
    const header = lines[0];
    const org = Object.fromEntries(header.map((h, i) => [h, lines[1][i]]));
    const f = view.unit.figures;
    expect(org).toMatchObject({ Niveau: '0', Enhed: 'Hele organisationen', Medarbejdere: String(f.employees), 'Har haft samtale (12 mdr.)': String(f.covered), Forfaldne: String(f.overdue), 'Planer arkiveret': String(f.filed) });
    expect(lines.map((l) => l[1])).toEqual(['Enhed', 'Hele organisationen', 'Borgerservice', 'Dorte Direktør', 'Lene Løvgren', 'Direktionen', 'Uden leder', 'Økonomi', 'Dorte Direktør']);

    expect(await hr.export({ ...query, p: 'lene' }, da)).toBeUndefined();
    expect(await hr.export({ ...query, s: `${query.s.slice(0, -2)}xx` }, da)).toBeUndefined();
    const later = new ExportLinks('https://bot.kommune.example', 'an-hr-test-secret-of-thirty-two-bytes', () => new Date(clock.now().getTime() + 61 * 60 * 1000));
    expect(later.verify(query)).toBeUndefined();
    expect(links.verify(query)).toBe(HR);
    directory.hr.clear();
    expect(await hr.export(query, da)).toBeUndefined();
  });

  it('writes unit names that Excel would take for a formula as text, and quotes separators', async () => {
    const { hr, links } = setup([{ id: 'p', name: 'P', department: '=HYPERLINK("x";"y")' }, { id: 'q', name: 'Q', department: 'Løn; Personale' }]);
    const file = (await hr.export(Object.fromEntries(new URL(links.urlFor(HR)).searchParams), da))!;
    expect(file.csv).toContain(`"'=HYPERLINK(""x"";""y"")"`);
    expect(file.csv).toContain('"Løn; Personale"');
  });
});

describe('the HR overview at scale', () => {
  jest.setTimeout(120000);

  it('reads one coverage record per employee, 10,000 in 500 units, however many conversations are stored', async () => {
    const people: OrganisationMember[] = [{ id: 'dir', name: 'Direktør', department: 'Direktionen' }];
    for (let u = 0; u < 500; u++) {
      const leader = `leader-${u}`;
      people.push({ id: leader, name: `Leder ${u}`, department: `Enhed ${String(u).padStart(3, '0')}`, managerId: 'dir' });
      for (let e = 0; e < 19; e++) people.push({ id: `e-${u}-${e}`, name: `Medarbejder ${u}-${e}`, department: `Enhed ${String(u).padStart(3, '0')}`, managerId: leader });
    }
    people.pop(); // 10,000 in all, with the director
    expect(people).toHaveLength(10000);
    const { storage, records, index, hr } = setup(people);
    const conversations = records<DevelopmentConversation>('conversation');

    // This year's conversations for four in five, each stored as a conversation and taken into the index.
    const store = async (c: DevelopmentConversation) => {
      await conversations.put(c.id, c);
      await index.changed(c);
    };
    let n = 0;
    for (const p of people) if (p.managerId && n++ % 5 !== 0) await store(mus(`now-${p.id}`, p.managerId, p.id, '2027-02-01', 'finished'));
    const count = async () => {
      const before = { reads: storage.touched.reads, listed: storage.touched.listed };
      const started = Date.now();
      const view = shown(await hr.view(HR, 'org', da));
      return { view, reads: storage.touched.reads - before.reads, listed: storage.touched.listed - before.listed, ms: Date.now() - started };
    };
    const first = await count();
    expect(first.view.unit.figures).toMatchObject({ employees: 10000, covered: 7999 });
    expect(first.view.units).toHaveLength(501);

    // Two more years of history: three times the conversations stored, the same reads.
    for (const year of ['2026', '2025']) for (const p of people) if (p.managerId) await store(mus(`${year}-${p.id}`, p.managerId, p.id, `${year}-02-01`, 'finished'));
    const second = await count();
    expect(second.view.unit.figures).toMatchObject({ employees: 10000, covered: 7999, overdue: 2001, never: 1 });
    expect((await conversations.ids()).length).toBe(7999 + 2 * 9999);
    expect([first.reads, first.listed, second.reads, second.listed]).toEqual([10000, 0, 10000, 0]);
    // eslint-disable-next-line no-console
    console.log(`HR overview at 10,000 employees in 500 units: ${second.reads} records read, ${second.listed} keys listed, with ${7999 + 2 * 9999} conversations stored (${first.ms} ms, then ${second.ms} ms, in memory)`);

    // Every page of the organisation's 501 units fits in a Teams card.
    for (const page of [0, 16, 33]) expect(JSON.stringify(hrOverviewCard(second.view, page, da, 30)).length).toBeLessThan(28 * 1024 * 0.6);
  });
});
