import { createMus, meeting, sharedCard, soeren, useBot } from '../support/scenario';
import { textOf } from '../support/teamsClient';

describe('a participant the bot cannot write to privately', () => {
  const world = useBot({ unreachable: [soeren] });

  it('tells the leader who was not reached and lets them pick in the meeting chat, seeing only their own card', async () => {
    const cid = await createMus(world.teams, world.connector);
    const home = sharedCard(world.connector);
    expect(textOf(home.card)).toContain('Jeg kunne ikke skrive privat til Søren Ærø');
    expect(world.connector.sentTo(world.connector.personalChatOf(soeren))).toHaveLength(0);

    const own = await world.teams.press(soeren, meeting, home.id, home.card, 'keywords.open');
    expect(textOf(own.card)).toContain('Vælg de 3 stikord');
    expect(textOf(own.card)).toContain('Samtalen med Lene Løvgren');

    const saved = await world.teams.press(soeren, meeting, home.id, own.card, 'keywords.pick', { keywords: 'Mod,Sparring,Fravær' });
    expect(textOf(saved.card)).toContain('Dine stikord er gemt');
    // Everyone else still sees only that Søren has picked, not what.
    const shared = textOf(sharedCard(world.connector).card);
    expect(shared).toMatch(/Søren Ærø \(Medarbejder\)\nhar valgt/);
    expect(shared).not.toContain('Sparring');
    expect(cid).toBeTruthy();
  });
});
