import { lene, meeting, quiet, seen, sharedCard, soeren, useBot } from '../support/scenario';
import { cardOf } from '../support/fakeConnector';
import { storedState } from '../support/storedState';
import { actionsOf, textOf } from '../support/teamsClient';

describe('cancelling a MUS that was never booked', () => {
  const world = useBot();

  it('retires every card, tells the employee with the leader\'s message, and leaves nothing of it stored, even cancelled as soon as it was created', async () => {
    const before = await storedState(world.bot.dataDir);
    await world.teams.say(lene, meeting, 'ny mus');
    // A slow Teams: the keyword cards are still on their way when the leader cancels.
    world.connector.behaviour.latencyMs = 400;
    const home = sharedCard(world.connector);
    const created = await world.teams.press(lene, meeting, home.id, home.card, 'mus.create', { employeeId: soeren.aadObjectId, date: '2030-03-14', format: 'table' });
    const cid = actionsOf(created.card).find((a) => a.verb === 'session.start')!.data.cid as string;
    // At once, while the keyword cards may still be on their way.
    const { card } = await world.teams.press(lene, meeting, home.id, created.card, 'conversation.cancel', { cancelMessage: 'Vi tager den efter sommerferien.' });
    expect(textOf(card)).toContain('MUS den 14. marts 2030 er aflyst. De valgte stikord er slettet.');

    const soerensChat = world.connector.personalChatOf(soeren);
    const told = () => world.connector.sentTo(soerensChat).map((p) => p.activity.text ?? '').find((t) => t.includes('har aflyst'));
    for (let i = 0; i < 150 && !told(); i++) await new Promise((r) => setTimeout(r, 100));
    await quiet(world.connector);
    world.connector.behaviour.latencyMs = 5;
    expect(told()).toBe('Lene Løvgren har aflyst MUS den 14. marts 2030. Dine stikord er slettet.\n\nBesked fra Lene Løvgren: »Vi tager den efter sommerferien.«');
    const keywordCard = world.connector.sentTo(soerensChat).find((p) => textOf(cardOf(p.activity)).includes('Vælg de 3 stikord'))!;
    expect(textOf(world.connector.currentCard(soerensChat, keywordCard.activityId))).toContain('er aflyst');
    expect(textOf((await seen(world, soeren)).card)).toContain('er aflyst');

    // Nothing of it is left: the conversation, its cards' records, its jobs and reminders, and the two people's chats (they take part in nothing else).
    for (let i = 0; i < 50 && (await storedState(world.bot.dataDir)).some((line) => line.includes(cid)); i++) await new Promise((r) => setTimeout(r, 100));
    const after = await storedState(world.bot.dataDir);
    expect(after.filter((line) => line.includes(cid))).toEqual([]);
    expect(after.filter((line) => line.startsWith('person/') || line.startsWith('coverage/'))).toEqual(before.filter((line) => line.startsWith('person/') || line.startsWith('coverage/')));

    const replayed = await world.teams.execute(soeren, { id: soerensChat, type: 'personal' }, keywordCard.activityId, 'keywords.pick', { cid, keywords: 'Mod,Ansvar,Økonomi' });
    expect(textOf(replayed.card)).toContain('Samtalen findes ikke (længere).');
  });
});
