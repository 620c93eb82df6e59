import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import type { TeamsUser } from '../support/fakeConnector';
import { pdfText } from '../support/pdfText';
import { eventually, lene, quiet, sharedCard, useBot } from '../support/scenario';
import { actionsOf, textOf, type Chat } from '../support/teamsClient';

jest.setTimeout(60000);

/** Lene's own leader. */
const birgitte: TeamsUser = { id: '29:birgitte', aadObjectId: '00000000-0000-0000-0000-00000000dddd', name: 'Birgitte Bach' };

const graph = new FakeGraph(testTls());
beforeAll(() => graph.start());
afterAll(() => graph.stop());

describe('a LUS: a leader with the leader\'s own leader', () => {
  const world = useBot({ users: [birgitte], env: () => graphFilingEnv(graph) });
  const chat: Chat = { id: '19:lus@thread.v2', type: 'groupChat' };

  it('is created by the leader\'s leader, guided as the concept says, finished only by them and filed in their OneDrive', async () => {
    world.connector.addConversation(chat.id, [birgitte, lene]);
    await world.teams.say(birgitte, chat, 'ny lus');
    const create = sharedCard(world.connector, chat);
    expect(actionsOf(create.card).find((a) => a.verb === 'mus.create').data.kind).toBe('LUS');
    expect(textOf(create.card)).toContain('LUS – lederudviklingssamtale');
    expect(textOf(create.card)).toContain('Samtale med (en leder, du er leder for)');
    expect(textOf(create.card)).toContain('Afsæt ca. 1½ time til samtalen.');
    expect(JSON.stringify(create.card)).not.toContain('replacesMus');

    const created = await world.teams.press(birgitte, chat, create.id, create.card, 'mus.create', { employeeId: lene.aadObjectId, date: '2030-04-02', format: 'walk' });
    const prepared = textOf(created.card);
    expect(prepared).toContain('LUS med Lene Løvgren');
    expect(prepared).toContain('Birgitte Bach (Leders leder)');
    expect(prepared).toContain('Lene Løvgren (Leder)');
    expect(prepared).toContain('Afsæt ca. 1½ time til samtalen.');
    expect(prepared).toContain('Relatér spørgsmålene til lederens ledelsespraksis og arbejde med medarbejdertrivsel, økonomistyring og sygefravær.');
    expect(prepared).toContain('Leders leder starter samtalen');
    const cid = created.card.actions.find((a: any) => a.verb === 'session.start').data.cid;
    await quiet(world.connector);
    const lenesCard = world.connector.sentTo(world.connector.personalChatOf(lene)).map((p) => textOf(p.activity.attachments?.[0]?.content)).join('\n');
    expect(lenesCard).toContain('Forbered din LUS');

    await world.teams.execute(birgitte, chat, create.id, 'keywords.pick', { cid, keywords: 'Ledelse,Økonomi,Fravær' });
    await world.teams.execute(lene, chat, create.id, 'keywords.pick', { cid, keywords: 'Ressourcer,Prioritering,Sparring' });
    await world.teams.execute(birgitte, chat, create.id, 'session.start', { cid });
    const question = await world.teams.execute(birgitte, chat, create.id, 'session.next', { cid, atStep: 0 });
    expect(textOf(question.card)).toContain('Hvordan trives I helt grundlæggende');
    expect(textOf(question.card)).toContain('medarbejdertrivsel, økonomistyring og sygefravær');

    await world.teams.execute(birgitte, chat, create.id, 'agreement.save', { cid, perspectiveId: 'opgaver', what: 'Lene følger sygefraværet månedligt med teamlederne', when: 'Fra maj', responsibleId: lene.aadObjectId, followUpDate: '2030-09-01' });
    const refused = await world.teams.execute(lene, chat, create.id, 'session.finish', { cid });
    expect(textOf(refused.card)).toContain('Kun leders leder kan gøre dette.');
    expect(graph.files.size).toBe(0);

    const finished = await world.teams.execute(birgitte, chat, create.id, 'session.finish', { cid });
    expect(textOf(finished.card)).toContain('LUS med Lene Løvgren den 2. april 2030 er afsluttet');
    const key = `${birgitte.aadObjectId}/Personalemapper/Lene Løvgren/LUS 2030-04-02 Lene Løvgren.pdf`;
    await eventually(() => graph.files.has(key), 'the plan in the leader\'s leader\'s OneDrive');
    expect([...graph.files.keys()]).toEqual([key]);

    const file = join(mkdtempSync(join(tmpdir(), 'lus-')), 'plan.pdf');
    writeFileSync(file, graph.files.get(key)!.bytes);
    const text = await pdfText(file);
    expect(text).toContain('LUS – lederudviklingssamtale');
    expect(text).toContain('Birgitte Bach (Leders leder)');
    expect(text).toContain('Lene Løvgren (Leder)');
    expect(text).toContain('medarbejdertrivsel, økonomistyring og sygefravær');
    expect(text).toContain('Lene følger sygefraværet månedligt med teamlederne');
    expect(text).not.toContain('gemmer planen');
  });
});
