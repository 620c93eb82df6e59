import { startAzurite, type Azurite } from '../support/azurite';
import { createMus, lene, meeting, pickAndStart, seen, soeren, useBot } from '../support/scenario';
import { textOf } from '../support/teamsClient';

jest.setTimeout(60000);

let azurite: Azurite;
beforeAll(async () => (azurite = await startAzurite()));
afterAll(() => azurite.stop());

describe('a conversation on Azure Blob Storage (Azurite)', () => {
  const world = useBot({
    env: () => ({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_CONTAINER: 'mus-test', STORAGE_MAX_TRIES: '2', STORAGE_TRY_TIMEOUT_MS: '2000' })
  });

  it('continues after a restart of the app, with the notes intact', async () => {
    await pickAndStart(world.teams, world.connector, await createMus(world.teams, world.connector));
    const home = await seen(world, lene);
    let card = (await world.teams.press(lene, meeting, home.id, home.card, 'session.next')).card;
    card = (await world.teams.press(soeren, meeting, home.id, card, 'session.next', { note: 'Vil gerne have mere sparring' })).card;
    await world.restart();
    card = (await world.teams.press(lene, meeting, home.id, card, 'session.back')).card;
    expect(textOf(card)).toContain('Spørgsmål 1 af 9');
    expect(JSON.stringify(card)).toContain('Vil gerne have mere sparring');
  });

  it('says so clearly when storage is down, and loses nothing once it is back', async () => {
    const { id: home, card: question } = await seen(world, lene);
    await azurite.stop();
    const down = await world.teams.press(lene, meeting, home, question, 'session.save', { note: 'Trives godt – skrevet under nedbruddet' });
    expect(textOf(down.card)).toContain('Jeg kan ikke gemme lige nu. Intet af det, der allerede er gemt, er gået tabt');

    await azurite.start();
    const saved = await world.teams.press(lene, meeting, home, question, 'session.save', { note: 'Trives godt – skrevet under nedbruddet' });
    expect(textOf(saved.card)).toContain('Gemt.');
    expect(JSON.stringify(saved.card)).toContain('Trives godt – skrevet under nedbruddet');
    const back = (await world.teams.press(lene, meeting, home, saved.card, 'session.next')).card;
    expect(textOf(back)).toContain('Spørgsmål 2 af 9');
  });
});
