import { createMus, lene, meeting, quiet, seen, sharedCard, soeren, useBot } from '../support/scenario';
import { textOf } from '../support/teamsClient';

describe('a participant the bot cannot write to privately', () => {
  const world = useBot({ unreachable: [soeren] });

  it('tells the leader who was not reached and lets them pick on the shared card, which stays their own card through others’ changes', async () => {
    const cid = await createMus(world.teams, world.connector);
    await quiet(world.connector);
    expect(textOf((await seen(world, lene)).card)).toContain('Jeg kunne ikke skrive privat til Søren Ærø');
    expect(world.connector.sentTo(world.connector.personalChatOf(soeren))).toHaveLength(0);

    const home = await seen(world, soeren);
    const own = await world.teams.press(soeren, meeting, home.id, home.card, 'keywords.open');
    expect(textOf(own.card)).toContain('Vælg de 3 stikord');
    expect(textOf(own.card)).toContain('Samtalen med Lene Løvgren');
    expect(own.card.refresh?.userIds).toContain(soeren.id);

    const saved = await world.teams.press(soeren, meeting, home.id, own.card, 'keywords.pick', { keywords: 'Mod,Sparring,Fravær' });
    expect(textOf(saved.card)).toContain('Dine stikord er gemt');
    // The others' changes update the shared card; Søren's Teams refreshes it into his own keyword card again.
    await world.teams.execute(lene, meeting, home.id, 'keywords.pick', { cid, keywords: 'Ansvar,Planlægning,Økonomi' });
    await quiet(world.connector);
    const refreshed = (await seen(world, soeren)).card;
    expect(textOf(refreshed)).toContain('Vælg de 3 stikord');
    expect(JSON.stringify(refreshed)).toContain('"verb":"shared.back"');

    // Back to the conversation's card, as the others see it; the chat itself sees nothing of it.
    const back = await world.teams.press(soeren, meeting, home.id, refreshed, 'shared.back');
    expect(textOf(back.card)).toContain('Søren Ærø (Medarbejder)');
    expect(JSON.stringify(back.card)).not.toContain('"verb":"shared.back"');
    expect(textOf(sharedCard(world.connector).card)).not.toMatch(/Søren|Sparring|Lene/);
  });
});
