import { join } from 'path';
import type { TeamsUser } from '../support/fakeConnector';
import { pdfText } from '../support/pdfText';
import { lene, sharedCard, soeren, useBot } from '../support/scenario';
import { actionsOf, inputsOf, textOf, type Chat } from '../support/teamsClient';

const mette: TeamsUser = { id: '29:mette', aadObjectId: '00000000-0000-0000-0000-00000000eeee', name: 'Mette Østergaard' };

describe('Høje-Taastrup\'s GRUS: a municipality\'s own concept, the only conversation its card offers', () => {
  const world = useBot({ users: [mette], env: () => ({ CONCEPT: 'hoeje-taastrup' }) });
  const chat: Chat = { id: '19:ht-grus@thread.v2', type: 'groupChat' };

  it('walks the strategic questions and records what to develop, the goal, the activity, its deadline and responsible, and the follow-up date', async () => {
    world.connector.addConversation(chat.id, [lene, soeren, mette]);
    await world.teams.say(lene, chat, 'ny grus');
    const create = sharedCard(world.connector, chat);
    expect(textOf(create.card)).toContain('Høje-Taastrup Kommune: Gruppeudviklingssamtalen (GRUS)');
    expect(textOf(create.card)).not.toContain('Albertslund');
    expect(actionsOf(create.card).map((a) => a.verb)).toEqual(['mus.create']);
    const created = await world.teams.press(lene, chat, create.id, create.card, 'mus.create', {
      concept: 'hoeje-taastrup', kind: 'GRUS', employeeId: `${soeren.aadObjectId},${mette.aadObjectId}`, date: '2030-06-03', format: 'table'
    });
    expect(textOf(created.card)).toContain('GRUS med gruppen (2 medlemmer)');
    const cid = created.card.actions.find((a: any) => a.verb === 'session.start').data.cid;
    for (const [user, keyword] of [[lene, 'Arbejdspladsens mål'], [soeren, 'Gruppens arbejdsopgaver'], [mette, 'Gruppens samarbejde']] as const) {
      await world.teams.execute(user, chat, create.id, 'keywords.pick', { cid, keywords: keyword });
    }
    await world.teams.execute(lene, chat, create.id, 'session.start', { cid });
    const first = await world.teams.execute(lene, chat, create.id, 'session.next', { cid, atStep: 0 });
    expect(textOf(first.card)).toContain('Hvilke kompetencer besidder gruppen allerede?');
    expect(textOf(first.card)).toContain('direktionens strategibrev');
    let card = first.card;
    for (let step = 1; step <= 4; step++) card = (await world.teams.execute(lene, chat, create.id, 'session.next', { cid, atStep: step })).card;
    const form = inputsOf(card);
    expect(Object.keys(form)).toEqual(expect.arrayContaining(['x_develop', 'x_goal', 'what', 'when', 'responsibleId', 'followUpDate', 'memberId']));
    expect(Object.keys(form)).not.toContain('valueFor');
    expect(textOf(card)).toContain('Aktivitet, der skal igangsættes');
    expect(textOf(card)).toContain('Dato for opfølgning på udviklingsaftalen');

    const agreement = { cid, perspectiveId: 'kompetencer', x_develop: 'Gruppens kompetencer i digital sagsbehandling', what: 'Kursus i det nye fagsystem for hele gruppen', when: 'Inden 1. oktober', responsibleId: mette.aadObjectId, followUpDate: '2030-11-01', memberId: 'group' };
    const refused = await world.teams.execute(lene, chat, create.id, 'agreement.save', agreement);
    expect(textOf(refused.card)).toContain('»Hvad er målet med udviklingen?« skal udfyldes.');
    expect(inputsOf(refused.card).x_develop).toBe('Gruppens kompetencer i digital sagsbehandling');
    await world.teams.execute(lene, chat, create.id, 'agreement.save', { ...agreement, x_goal: 'Alle sager behandles digitalt fra 2031' });
    const finished = await world.teams.execute(lene, chat, create.id, 'session.finish', { cid });
    expect(textOf(finished.card)).toContain('er afsluttet');

    const text = await pdfText(join(world.bot.filingRoot, 'Lene Løvgren', 'Personalemapper', 'Mette Østergaard', 'GRUS 2030-06-03.pdf'));
    expect(text).toContain('Høje-Taastrup Kommune');
    expect(text).toContain('Hvad skal udvikles? Gruppens kompetencer i digital sagsbehandling');
    expect(text).toContain('Hvad er målet med udviklingen? Alle sager behandles digitalt fra 2031');
    expect(text).toContain('Aktivitet, der skal igangsættes Kursus i det nye fagsystem for hele gruppen');
    expect(text).toContain('Ansvarlig for aktiviteten Mette Østergaard');
  });
});
