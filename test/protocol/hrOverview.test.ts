import { cardOf, type TeamsUser } from '../support/fakeConnector';
import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import { FakeOrganisation } from '../support/fakeGraphOrganisation';
import { finishMus, lene, sharedCard, soeren, useBot, type World } from '../support/scenario';
import { stranger } from '../support/users';
import { nextTo, textOf, type Chat } from '../support/teamsClient';

jest.setTimeout(120000);

const HR_GROUP = '7a1e0c55-0000-4000-8000-0000000000a1';
const HR_NESTED = '7a1e0c55-0000-4000-8000-0000000000a2';
const hanne: TeamsUser = { id: '29:hanne', aadObjectId: '00000000-0000-0000-0000-00000000dddd', name: 'Hanne Holm' };
const members: TeamsUser[] = Array.from({ length: 5 }, (_, i) => ({ id: `29:g${i + 1}`, aadObjectId: `00000000-0000-0000-0000-0000000020${String(i + 1).padStart(2, '0')}`, name: `Gruppemedlem ${i + 1}` }));

const graph = new FakeGraph(testTls());
const org = new FakeOrganisation();
graph.extensions.push(org);
beforeAll(() => graph.start());
afterAll(() => graph.stop());

// The municipality: a director; Lene's unit in Borgerservice (Søren and five more); HR; and 220 others in three departments.
org.users.push(
  { id: 'aad-direktoer', displayName: 'Dorte Direktør', department: 'Direktionen' },
  { id: lene.aadObjectId, displayName: lene.name, department: 'Borgerservice', managerId: 'aad-direktoer' },
  { id: soeren.aadObjectId, displayName: soeren.name, department: 'Borgerservice', managerId: lene.aadObjectId },
  ...members.map((m) => ({ id: m.aadObjectId, displayName: m.name, department: 'Borgerservice', managerId: lene.aadObjectId })),
  { id: hanne.aadObjectId, displayName: hanne.name, department: 'HR', managerId: 'aad-direktoer' },
  { id: stranger.aadObjectId, displayName: stranger.name, department: 'Økonomi', managerId: 'aad-oekonomichef' },
  { id: 'aad-oekonomichef', displayName: 'Ole Økonomichef', department: 'Økonomi', managerId: 'aad-direktoer' },
  { id: 'aad-former', displayName: 'Fratrådt Medarbejder', department: 'Økonomi', accountEnabled: false }
);
for (let i = 0; i < 220; i++) {
  const department = ['Økonomi', 'Teknik og Miljø', 'Skole og Dagtilbud'][i % 3];
  org.users.push({ id: `aad-f${i}`, displayName: `Medarbejder ${i}`, department, managerId: department === 'Økonomi' ? 'aad-oekonomichef' : i < 3 ? 'aad-direktoer' : `aad-f${i % 3}` });
}
const enabled = org.users.filter((u) => u.accountEnabled !== false);
const employees = enabled.length;
const leaders = enabled.filter((u) => enabled.some((other) => other.managerId === u.id)).length;
// Hanne is in HR through a nested group, as municipalities often grant it.
org.groups.set(HR_GROUP, [HR_NESTED]);
org.groups.set(HR_NESTED, [hanne.aadObjectId]);

const personal = (user: TeamsUser): Chat => ({ id: `a:personal-${user.aadObjectId}`, type: 'personal' });

/** The facts on a card, title → value. */
function factsOf(card: any): Record<string, string> {
  const facts: Record<string, string> = {};
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'FactSet') for (const f of node.facts) facts[f.title] = f.value;
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return facts;
}

/** A GRUS of Lene's with these members, each picking three keywords, finished with one group agreement. */
async function finishGrus(world: World, chat: Chat, group: TeamsUser[], picks: string): Promise<void> {
  world.connector.addConversation(chat.id, [lene, ...group]);
  await world.teams.say(lene, chat, 'ny grus');
  const create = sharedCard(world.connector, chat);
  const created = await world.teams.press(lene, chat, create.id, create.card, 'mus.create', { kind: 'GRUS', employeeId: group.map((m) => m.aadObjectId).join(','), date: '2031-02-20', format: 'table' });
  const cid = created.card.actions.find((a: any) => a.verb === 'session.start').data.cid;
  await world.teams.execute(lene, chat, create.id, 'keywords.pick', { cid, keywords: 'Ledelse,Mod,Ansvar' });
  for (const m of group) await world.teams.execute(m, chat, create.id, 'keywords.pick', { cid, keywords: picks });
  await world.teams.execute(lene, chat, create.id, 'session.start', { cid });
  await world.teams.execute(lene, chat, create.id, 'agreement.save', { cid, perspectiveId: 'opgaver', what: 'Fælles introduktion til fagsystemet', when: 'I foråret', responsibleId: lene.aadObjectId, followUpDate: '2031-06-01', memberId: '' });
  const finished = await world.teams.execute(lene, chat, create.id, 'session.finish', { cid });
  expect(textOf(finished.card)).toContain('er afsluttet');
}

describe('the HR overview across the organisation', () => {
  const world = useBot({ users: [stranger, hanne, ...members], env: () => graphFilingEnv(graph, { HR_GROUP_ID: HR_GROUP, LUS_KEYWORD_TRENDS: 'true', CLOCK_START: '2031-02-20T09:00:00Z' }) });

  async function ask(user: TeamsUser, chat: Chat = personal(user), text = 'hr-oversigt') {
    await world.teams.say(user, chat, text);
    const sent = world.connector.sentTo(chat.id);
    const last = sent[sent.length - 1];
    return { id: last.activityId, card: cardOf(last.activity), text: last.activity.text as string | undefined };
  }
  const directoryReads = () => graph.requests.filter((r) => r.rawPath === '/v1.0/users').length;

  it('shows an HR member (in the group through a nested group) the counts across the organisation and per unit, read from Graph page by page', async () => {
    await finishMus(world, { id: '19:mus-soeren@thread.v2', type: 'groupChat' }, '2031-02-20', '2031-06-01');
    org.throttlePage = 1;
    const { id, card } = await ask(hanne);
    expect(textOf(card)).toContain('Årlige udviklingssamtaler i organisationen');
    expect(factsOf(card)).toMatchObject({
      Medarbejdere: `${employees} (heraf ${leaders} ledere)`,
      'Har haft MUS, GRUS eller LUS': '1 (0 %)',
      Heraf: 'MUS 1 · GRUS 0 · LUS 0',
      'Ledere med samtale': `0 af ${leaders}`,
      Forfaldne: `${employees - 1} (heraf ${employees - 1} uden samtale endnu)`,
      'Planer arkiveret': '1',
      'Aftaler fulgt op til tiden': 'Ingen aftaler med opfølgning i perioden'
    });
    // Three pages of users (100 a page with $expand), one of them throttled once and asked again.
    expect(org.served.map((s) => s.page)).toEqual([0, 1, 2]);
    expect(directoryReads()).toBe(4);
    const asked = graph.requests.filter((r) => r.rawPath.endsWith('/checkMemberGroups'));
    expect(asked.map((r) => [r.rawPath, JSON.parse(r.body.toString())])).toEqual([[`/v1.0/users/${hanne.aadObjectId}/checkMemberGroups`, { groupIds: [HR_GROUP] }]]);

    // Borgerservice, then Lene's people: counts only, never a name of theirs.
    const unit = await world.teams.press(hanne, personal(hanne), id, card, 'hr.unit', {}, nextTo(card, 'Borgerservice'));
    expect(textOf(unit.card)).toContain('Under: Hele organisationen');
    expect(factsOf(unit.card)).toMatchObject({ Medarbejdere: '7 (heraf 1 ledere)', 'Har haft MUS, GRUS eller LUS': '1 (14 %)' });
    const lenes = await world.teams.press(hanne, personal(hanne), id, unit.card, 'hr.unit', {}, nextTo(unit.card, 'Lene Løvgren'));
    expect(factsOf(lenes.card)).toMatchObject({ Medarbejdere: '6 (heraf 0 ledere)', 'Har haft MUS, GRUS eller LUS': '1 (17 %)', Forfaldne: '5 (heraf 5 uden samtale endnu)' });
    for (const hidden of [soeren.name, 'Gruppemedlem', 'Ugentlig koordinering', 'Feedback', 'Nærvær']) expect(textOf(lenes.card)).not.toContain(hidden);
    // The directory was read once for all three cards; membership was asked on each.
    expect(directoryReads()).toBe(4);
    expect(graph.requests.filter((r) => r.rawPath.endsWith('/checkMemberGroups'))).toHaveLength(3);
  });

  it('refuses anyone outside the HR group with nothing shown, whatever the card says, and shows it only in the 1:1 chat', async () => {
    const reads = directoryReads();
    const refused = await ask(stranger);
    expect(textOf(refused.card)).toContain('HR-oversigten er kun for medlemmer af HR-gruppen. Du har ikke adgang, og der vises ingen tal.');
    expect(Object.keys(factsOf(refused.card))).toEqual([]);
    const forged = await world.teams.execute(stranger, personal(stranger), refused.id, 'hr.unit', { unit: 'dep:Borgerservice', page: 0 });
    expect(textOf(forged.card)).toContain('Du har ikke adgang');
    expect(textOf(forged.card)).not.toContain('Medarbejdere');
    expect(directoryReads()).toBe(reads);

    const group: Chat = { id: '19:hr-group@thread.v2', type: 'groupChat' };
    world.connector.addConversation(group.id, [hanne, stranger]);
    const inGroup = await ask(hanne, group);
    expect(inGroup.text).toContain('HR-oversigten vises kun i din egen chat med mig.');

    org.groupsForbidden = true;
    const noPermission = await ask(hanne);
    expect(textOf(noPermission.card)).toContain('Appen mangler tilladelsen GroupMember.Read.All i Microsoft Graph');
    expect(Object.keys(factsOf(noPermission.card))).toEqual([]);
    org.groupsForbidden = false;
  });

  it('exports the same figures as the card as a CSV file Danish Excel opens, through a signed link for the HR member only', async () => {
    const { card } = await ask(hanne);
    const link = card.actions.find((a: any) => a.type === 'Action.OpenUrl').url as string;
    expect(link).toMatch(/\/hr\/udviklingssamtaler\.csv\?p=/);
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Udviklingssamtaler 2031-02-20.csv')}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n').map((line) => line.split(';'));
    const column = (name: string) => rows[0].indexOf(name);
    const orgRow = rows[1];
    const facts = factsOf(card);
    expect(orgRow[column('Enhed')]).toBe('Hele organisationen');
    expect(orgRow[column('Medarbejdere')]).toBe(facts.Medarbejdere.split(' ')[0]);
    expect(orgRow[column('Har haft samtale (12 mdr.)')]).toBe(facts['Har haft MUS, GRUS eller LUS'].split(' ')[0]);
    expect(orgRow[column('Forfaldne')]).toBe(facts.Forfaldne.split(' ')[0]);
    expect(orgRow[column('Planer arkiveret')]).toBe(facts['Planer arkiveret']);
    const borgerservice = rows.find((r) => r[column('Enhed')] === 'Borgerservice')!;
    expect([borgerservice[column('Niveau')], borgerservice[column('Medarbejdere')], borgerservice[column('Har haft samtale (12 mdr.)')]]).toEqual(['1', '7', '1']);
    expect(bytes.toString('utf8')).not.toContain(soeren.name);

    // Someone else's name in the link, or a changed signature: nothing.
    const url = new URL(link);
    url.searchParams.set('p', stranger.aadObjectId);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(link.replace(/s=[^&]+/, 's=forged'))).status).toBe(404);
  });

  it('gives a leader their people\'s keywords for their LUS only once five have contributed, and never to HR', async () => {
    const overview = async () => textOf((await ask(lene, personal(lene), 'oversigt')).card);
    // Søren (his MUS above) and three GRUS members: four.
    await finishGrus(world, { id: '19:grus-1@thread.v2', type: 'groupChat' }, members.slice(0, 3), 'Samarbejde,Feedback,Mod');
    let text = await overview();
    expect(text).toContain('Dine medarbejderes stikord lægges sammen til din egen LUS, når mindst fem har valgt deres i år');
    expect(text).not.toContain('Dine medarbejderes stikord i 2031');
    expect(text).not.toMatch(/Samarbejde: \d/);

    await finishGrus(world, { id: '19:grus-2@thread.v2', type: 'groupChat' }, members.slice(3, 5), 'Samarbejde,Kompetencer,Ansvar');
    text = await overview();
    expect(text).toContain('Dine medarbejderes stikord i 2031');
    expect(text).toContain('de stikord, 6 af dine medarbejdere valgte');
    expect(text).toContain('Samarbejde: 5 · Feedback: 4 · Mod: 3 · Ansvar: 2 · Kompetencer: 2 · Nærvær: 1 · Økonomi: 1');

    const hr = await ask(hanne);
    expect(factsOf(hr.card)).toMatchObject({ 'Har haft MUS, GRUS eller LUS': `6 (${Math.round(600 / employees)} %)`, Heraf: 'MUS 1 · GRUS 5 · LUS 0' });
    expect(textOf(hr.card)).not.toMatch(/Samarbejde|Feedback|Kompetencer/);
  });
});
