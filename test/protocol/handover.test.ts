import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import { cardOf, type TeamsUser } from '../support/fakeConnector';
import { eventually, finishMus, lene, soeren, useBot, type World } from '../support/scenario';
import { textOf, type Chat } from '../support/teamsClient';

jest.setTimeout(60000);

const graph = new FakeGraph(testTls());
beforeAll(() => graph.start());
afterAll(() => graph.stop());

const mette: TeamsUser = { id: '29:mette', aadObjectId: '00000000-0000-0000-0000-00000000dddd', name: 'Mette Østergaard' };
const outsider: TeamsUser = { id: '29:x', aadObjectId: '00000000-0000-0000-0000-00000000cccc', name: 'Mette Udenfor' };
const personal = (user: TeamsUser): Chat => ({ id: `a:personal-${user.aadObjectId}`, type: 'personal' });

/** The last thing the bot wrote in the person's 1:1 chat, as text. */
async function ask(world: World, user: TeamsUser, text: string, chat = personal(user)): Promise<string> {
  await world.teams.say(user, chat, text);
  const sent = world.connector.sentTo(chat.id);
  const last = sent[sent.length - 1].activity;
  return last.text ?? textOf(cardOf(last));
}

describe('handing an employee\'s plans over to their new leader (OneDrive filing)', () => {
  const world = useBot({ users: [mette, outsider], env: () => graphFilingEnv(graph, { GRAPH_DIRECT_REPORTS: 'true', GRAPH_MAX_RETRIES: '1', OUTBOX_FIRST_RETRY_MS: '300', CLOCK_START: '2031-02-20T09:00:00Z' }) });
  const plan = `${lene.aadObjectId}/Personalemapper/Søren Ærø/MUS 2031-02-20 Søren Ærø.pdf`;
  const handedOver = `${mette.aadObjectId}/Personalemapper/Søren Ærø/MUS 2031-02-20 Søren Ærø.pdf`;

  it('warns Lene in her overview once Søren reports to Mette, and copies his plan to Mette\'s personnel folder when she writes overdrag', async () => {
    graph.directReports.set(lene.aadObjectId, [{ id: soeren.aadObjectId, displayName: soeren.name }]);
    await finishMus(world, { id: '19:mus-handover@thread.v2', type: 'groupChat' }, '2031-02-20', '2031-06-01');
    await eventually(() => graph.files.has(plan), 'the plan to be filed');
    expect(await ask(world, lene, 'oversigt')).not.toContain('overdrag');

    graph.directReports.set(lene.aadObjectId, []);
    graph.directReports.set(mette.aadObjectId, [{ id: soeren.aadObjectId, displayName: soeren.name }]);
    graph.displayNames.set(mette.aadObjectId, mette.name);
    expect(await ask(world, lene, 'oversigt')).toContain('Refererer nu til Mette Østergaard ifølge organisationens katalog, men dine planer for Søren Ærø ligger i din OneDrive. Skriv »overdrag Søren Ærø«');

    // Only in her own chat: a group chat would see the names.
    const group: Chat = { id: '19:mus-handover@thread.v2', type: 'groupChat' };
    expect(await ask(world, lene, 'overdrag Søren Ærø', group)).toContain('Planer overdrages kun i din egen chat med mig');
    expect(graph.files.has(handedOver)).toBe(false);

    expect(await ask(world, lene, 'overdrag Søren Ærø')).toBe('1 plan for Søren Ærø ligger nu i Mette Østergaards personalemappe: MUS 2031-02-20 Søren Ærø.pdf. Den ligger stadig også i Lene Løvgrens.');
    expect(graph.files.get(handedOver)!.bytes.equals(graph.files.get(plan)!.bytes)).toBe(true);
    expect(graph.requests.some((r) => r.rawPath === `/v1.0/users/${soeren.aadObjectId}/manager`)).toBe(true);
    expect(await ask(world, lene, 'oversigt')).not.toContain('overdrag');
  });

  it('refuses someone the directory does not name as his manager, and tells nothing of his plans', async () => {
    const answer = await ask(world, outsider, 'overdrag Søren Ærø');
    expect(answer).toBe('Jeg kender ingen »Søren Ærø« blandt dem, du har arkiveret planer for, eller som refererer til dig. Skriv det fulde navn, som det står i Teams.');
    expect([...graph.files.keys()].some((k) => k.startsWith(outsider.aadObjectId))).toBe(false);
    expect(await ask(world, outsider, 'overdrag')).toContain('Skriv »overdrag« og medarbejderens fulde navn');
  });

  it('lets the new leader fetch the plans; through an outage it keeps the handover and tells her when they are copied', async () => {
    graph.files.delete(handedOver);
    graph.failAlways('503', /\/drive\/root:/);
    expect(await ask(world, mette, 'overdrag søren ærø')).toContain('Planerne for Søren Ærø kunne ikke kopieres til Mette Østergaards personalemappe endnu: OneDrive kunne ikke nås.');
    graph.recover();
    await eventually(() => graph.files.has(handedOver), 'the handover to be retried');
    await eventually(() => world.connector.sentTo(personal(mette).id).some((p) => (p.activity.text ?? '').startsWith('1 plan for Søren Ærø ligger nu i Mette Østergaards personalemappe')), 'Mette to be told');
  });
});
