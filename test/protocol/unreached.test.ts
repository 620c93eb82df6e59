import { lene, meeting, sharedCard, soeren, useBot } from '../support/scenario';
import { actionsOf, textOf } from '../support/teamsClient';

describe('a participant the bot cannot write to privately', () => {
  const world = useBot({ unreachable: [soeren] });

  it('tells the leader in one readable notice who was not reached, and lets them pick in the meeting chat, seeing only their own card', async () => {
    await world.teams.say(lene, meeting, 'ny mus');
    const create = sharedCard(world.connector);
    const created = await world.teams.press(lene, meeting, create.id, create.card, 'mus.create', { employeeId: soeren.aadObjectId, date: '2030-03-14', format: 'table' });
    const notice = 'Jeg kunne ikke skrive privat til Søren Ærø – appen er måske ikke installeret. Søren Ærø kan i stedet vælge stikord med knappen herunder';
    expect(textOf(created.card)).toContain(notice);
    // One message: no "sent to you both" beside it, and dark text on the notice's own background.
    expect(textOf(created.card)).not.toContain('Jeg har sendt stikordskortet til jer begge');
    expect(JSON.stringify(created.card)).not.toContain('"color":"Warning"');
    expect(world.connector.sentTo(world.connector.personalChatOf(soeren))).toHaveLength(0);

    const home = sharedCard(world.connector);
    const own = await world.teams.press(soeren, meeting, home.id, home.card, 'keywords.open', {}, (a) => a.title === 'Ikke nået? Vælg stikord her');
    expect(textOf(own.card)).toContain('Vælg de 3 stikord');
    expect(textOf(own.card)).toContain('Samtalen med Lene Løvgren');

    const saved = await world.teams.press(soeren, meeting, home.id, own.card, 'keywords.pick', { keywords: 'Mod,Sparring,Fravær' });
    expect(textOf(saved.card)).toContain('Dine stikord er gemt');
    // Everyone else still sees only that Søren has picked, not what.
    const shared = textOf(sharedCard(world.connector).card);
    expect(shared).toMatch(/Søren Ærø \(Medarbejder\)\nhar valgt/);
    expect(shared).not.toContain('Sparring');

    // Back to the conversation's card, from which the leader starts.
    const back = await world.teams.press(soeren, meeting, home.id, saved.card, 'keywords.close');
    expect(actionsOf(back.card).map((a) => a.verb)).toEqual(expect.arrayContaining(['keywords.open', 'session.start']));
    expect(textOf(back.card)).not.toContain('Sparring');
  });
});
