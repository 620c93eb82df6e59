import { createMus, lene, meeting, pickAndStart, seen, soeren, useBot } from '../support/scenario';
import { textOf } from '../support/teamsClient';

describe('two participants submitting at the same moment', () => {
  const world = useBot();

  beforeAll(async () => {
    await pickAndStart(world.teams, world.connector, await createMus(world.teams, world.connector));
  });

  it('keeps both notes typed on the same question', async () => {
    const home = await seen(world, lene);
    const question = (await world.teams.press(lene, meeting, home.id, home.card, 'session.next')).card;
    await Promise.all([
      world.teams.press(lene, meeting, home.id, question, 'session.save', { note: 'Lene: travl periode før jul' }),
      world.teams.press(soeren, meeting, home.id, question, 'session.save', { note: 'Søren: glad for teamet' })
    ]);
    const note = JSON.stringify((await seen(world, lene)).card);
    expect(note).toContain('Lene: travl periode før jul');
    expect(note).toContain('Søren: glad for teamet');
  });

  it('keeps both agreements added from the same card', async () => {
    let { card, id: home } = await seen(world, lene);
    for (let i = 0; i < 3; i++) card = (await world.teams.press(lene, meeting, home, card, 'session.next')).card;
    expect(textOf(card)).toContain('Aftaler for Adfærd');
    await Promise.all([
      world.teams.press(lene, meeting, home, card, 'agreement.save', { what: 'Lederkursus', when: 'Q2', responsibleId: lene.aadObjectId, followUpDate: '2030-06-01' }),
      world.teams.press(soeren, meeting, home, card, 'agreement.save', { what: 'Faglig sparring', when: 'Q3', responsibleId: soeren.aadObjectId, followUpDate: '2030-09-01' })
    ]);
    const shared = textOf((await seen(world, soeren)).card);
    expect(shared).toContain('Lederkursus');
    expect(shared).toContain('Faglig sparring');
  });
});
