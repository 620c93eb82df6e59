import { createMus, lene, meeting, pickAndStart, seen, sharedCard, soeren, useBot } from '../support/scenario';
import { cardOf } from '../support/fakeConnector';
import { actionsOf, textOf } from '../support/teamsClient';

describe('a restart in the middle of a conversation', () => {
  const world = useBot();

  it('continues where it was in a new process on the same storage, with notes and agreements intact', async () => {
    const cid = await createMus(world.teams, world.connector);
    await pickAndStart(world.teams, world.connector, cid);
    let home = await seen(world, lene);
    let card = (await world.teams.press(lene, meeting, home.id, home.card, 'session.next')).card;
    card = (await world.teams.press(soeren, meeting, home.id, card, 'session.next', { note: 'Trives, men vil gerne have mere feedback' })).card;
    expect(textOf(card)).toContain('Spørgsmål 2 af 9');

    // The process dies without warning; a new one starts on the same data folder.
    await world.restart();

    home = await seen(world, lene);
    card = (await world.teams.press(lene, meeting, home.id, home.card, 'session.back')).card;
    expect(textOf(card)).toContain('Spørgsmål 1 af 9');
    expect(JSON.stringify(card)).toContain('Trives, men vil gerne have mere feedback');
    for (let i = 0; i < 3; i++) card = (await world.teams.press(lene, meeting, home.id, card, 'session.next')).card;
    card = (await world.teams.press(lene, meeting, home.id, card, 'agreement.save', {
      what: 'Feedback hver anden uge', when: 'Fra januar', responsibleId: lene.aadObjectId, followUpDate: '2030-04-01'
    })).card;
    expect(textOf(card)).toContain('Aftalen er gemt.');
    expect(textOf(card)).toContain('Feedback hver anden uge');
  });

  it('brings an open conversation back with "mine samtaler": its card is posted again in its chat and kept up to date from there', async () => {
    await world.restart();
    await world.teams.say(lene, meeting, 'mine samtaler');
    const posted = () => world.connector.sentTo(meeting.id);
    const list = posted()[posted().length - 1];
    expect(textOf(cardOf(list.activity))).toContain('Dine åbne samtaler');
    expect(textOf(cardOf(list.activity))).toMatch(/MUS med Søren Ærø\n14\. marts 2030 · Ved et bord\nI gang: Aftaler for Adfærd/);

    const old = sharedCard(world.connector);
    const shown = await world.teams.press(lene, meeting, list.activityId, cardOf(list.activity), 'conversation.show');
    expect(textOf(shown.card)).toContain('Samtalekortet er sendt igen i chatten, hvor samtalen blev oprettet.');
    const again = posted()[posted().length - 1];
    expect(again.activityId).not.toBe(list.activityId);
    expect(textOf(world.connector.currentCard(meeting.id, old.id))).toContain('Samtalekortet er sendt igen længere nede i chatten.');

    // The new card is the one kept up to date, and shows the chat nothing: each participant sees their own view of it.
    expect(textOf(world.connector.currentCard(meeting.id, again.activityId))).not.toMatch(/Søren|Aftaler/);
    const { card } = await seen(world, lene, meeting, again.activityId);
    expect(textOf(card)).toContain('Aftaler for Adfærd');
    await world.teams.press(lene, meeting, again.activityId, card, 'session.next');
    expect(textOf((await seen(world, soeren, meeting, again.activityId)).card)).toContain('Spørgsmål 4 af 9');
    expect(actionsOf(world.connector.currentCard(meeting.id, old.id))).toEqual([]);
  });
});
