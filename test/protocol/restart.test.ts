import { createMus, lene, meeting, pickAndStart, seen, soeren, useBot } from '../support/scenario';
import { textOf } from '../support/teamsClient';

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
});
