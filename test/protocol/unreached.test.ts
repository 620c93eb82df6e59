import { createMus, lene, meeting, quiet, seen, sharedCard, soeren, useBot } from '../support/scenario';
import { actionsOf, textOf } from '../support/teamsClient';

describe('a participant the bot cannot write to privately', () => {
  const world = useBot({ unreachable: [soeren] });

  it('tells the leader in one readable notice who was not reached, and lets them pick on the shared card, which stays their own card through others’ changes', async () => {
    const cid = await createMus(world.teams, world.connector);
    await quiet(world.connector);
    const lenes = (await seen(world, lene)).card;
    const notice = 'Jeg kunne ikke skrive privat til Søren Ærø – appen er måske ikke installeret. Søren Ærø kan i stedet vælge stikord med knappen herunder';
    expect(textOf(lenes)).toContain(notice);
    // One message: no "sent to you both" beside it, and dark text on the notice's own background.
    expect(textOf(lenes)).not.toContain('Jeg har sendt stikordskortet til jer begge');
    expect(JSON.stringify(lenes)).not.toContain('"color":"Warning"');
    expect(world.connector.sentTo(world.connector.personalChatOf(soeren))).toHaveLength(0);

    const home = await seen(world, soeren);
    const own = await world.teams.press(soeren, meeting, home.id, home.card, 'keywords.open', {}, (a) => a.title === 'Ikke nået? Vælg stikord her');
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
    expect(actionsOf(refreshed).map((a) => a.verb)).toContain('keywords.close');

    // Back to the conversation's card, from which the leader starts; the chat itself sees nothing of it.
    const back = await world.teams.press(soeren, meeting, home.id, refreshed, 'keywords.close');
    expect(textOf(back.card)).toContain('Lederen starter samtalen, når I er samlet.');
    expect(actionsOf(back.card).map((a) => a.verb)).not.toContain('keywords.close');
    expect(textOf(sharedCard(world.connector).card)).not.toMatch(/Søren|Sparring|Lene/);
  });
});
