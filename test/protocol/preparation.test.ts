import { createMus, lene, meeting, quiet, seen, soeren, useBot } from '../support/scenario';
import { stranger } from '../support/users';
import { storedRecord, storedState } from '../support/storedState';
import { actionsOf, inputsOf, textOf, type Chat } from '../support/teamsClient';

describe('preparing a MUS', () => {
  const world = useBot({ users: [stranger] });

  it('lets the leader reword a question after creating it, and the keyword cards follow', async () => {
    await createMus(world.teams, world.connector);
    const soerensView = await seen(world, soeren);
    expect(actionsOf(soerensView.card).map((a) => a.verb)).not.toContain('questions.rephrase');
    const refused = await world.teams.execute(soeren, meeting, soerensView.id, 'questions.rephrase', { cid: actionsOf(soerensView.card).find((a) => a.data?.cid)!.data.cid, 'q_struktur-3': 'Hvem skal du samarbejde mere med?' });
    expect(textOf(refused.card)).toContain('Kun lederen kan gøre dette.');

    const home = await seen(world, lene);
    const saved = await world.teams.press(lene, meeting, home.id, home.card, 'questions.rephrase', { 'q_struktur-3': 'Hvem skal du samarbejde mere med?' });
    expect(textOf(saved.card)).toContain('Spørgsmålene er gemt');
    await quiet(world.connector);
    const soerensChat = world.connector.personalChatOf(soeren);
    const keywordCard = world.connector.sentTo(soerensChat)[0];
    const shown = textOf(world.connector.currentCard(soerensChat, keywordCard.activityId));
    expect(shown).toContain('Hvem skal du samarbejde mere med?');
    expect(shown).not.toContain('Hvor ser I behov for at udvikle nye samarbejder?');
  });

  it('remembers a person\'s 1:1 chat once, not on every message they write there', async () => {
    const lenesChat: Chat = { id: world.connector.personalChatOf(lene), type: 'personal' };
    const record = () => storedRecord(world.bot.dataDir, `person/${lene.aadObjectId}`);
    await world.teams.say(lene, lenesChat, 'hjælp');
    const first = await record();
    expect(first?.value).toHaveProperty('reference');
    expect((first?.value as { reference: object }).reference).not.toHaveProperty('activityId');
    await world.teams.say(lene, lenesChat, 'hjælp');
    expect(await record()).toEqual(first);
  });

  it('stores nothing for someone who takes part in no conversation, not even their 1:1 chat, while refusing them', async () => {
    const strangersChat: Chat = { id: world.connector.personalChatOf(stranger), type: 'personal' };
    world.connector.addConversation(strangersChat.id, [stranger]);
    const before = await storedState(world.bot.dataDir);
    await world.teams.say(stranger, strangersChat, 'hjælp');
    const cid = before.find((line) => line.startsWith('conversation/'))!.split(':')[0].slice('conversation/'.length);
    const refused = await world.teams.execute(stranger, strangersChat, 'none', 'conversation.show', { cid });
    expect(textOf(refused.card)).toContain('Du deltager ikke i denne samtale');
    expect(textOf(refused.card)).not.toMatch(/Søren|Lene/);
    expect(await storedState(world.bot.dataDir)).toEqual(before);
  });

  it('creates a MUS from the leader\'s own chat with someone chosen in the people picker', async () => {
    const lenesChat: Chat = { id: world.connector.personalChatOf(lene), type: 'personal' };
    world.connector.addConversation(lenesChat.id, [lene]);
    await world.teams.say(lene, lenesChat, 'ny mus');
    const sent = world.connector.sentTo(lenesChat.id);
    const createCard = world.connector.currentCard(lenesChat.id, sent[sent.length - 1].activityId);
    expect(JSON.stringify(createCard)).toContain('graph.microsoft.com/users');

    // Lene already has an open MUS with Søren: she is told, and may open that one or create another anyway.
    const typed = { employeeId: soeren.aadObjectId, date: '2030-06-02', format: 'walk' };
    const warned = await world.teams.press(lene, lenesChat, sent[sent.length - 1].activityId, createCard, 'mus.create', typed);
    expect(textOf(warned.card)).toContain('Du har allerede en åben MUS med Søren Ærø (14. marts 2030). Vil du fortsætte den, eller oprette en ny alligevel?');
    expect(inputsOf(warned.card)).toMatchObject({ date: '2030-06-02', format: 'walk' });
    expect((await storedState(world.bot.dataDir)).filter((key) => key.startsWith('conversation/'))).toHaveLength(1);
    const shown = await world.teams.press(lene, lenesChat, sent[sent.length - 1].activityId, warned.card, 'conversation.show');
    expect(textOf(shown.card)).toContain('Samtalekortet er sendt igen');
    const reposted = world.connector.sentTo(meeting.id).at(-1)!;
    expect(textOf((await seen(world, lene, meeting, reposted.activityId)).card)).toContain('MUS med Søren Ærø');

    const created = await world.teams.press(lene, lenesChat, sent[sent.length - 1].activityId, warned.card, 'mus.create', typed, (a) => a.title === 'Opret en ny alligevel');
    expect(textOf(created.card)).toContain('MUS med Søren Ærø');
    expect(textOf(created.card)).toContain("2. juni 2030 · Walk'n'talk");
  });
});
