import { startBot, type BotProcess } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { createMus, lene, meeting, pickAndStart, sharedCard, soeren } from '../support/scenario';
import { TeamsClient, textOf } from '../support/teamsClient';

describe('a restart in the middle of a conversation', () => {
  let connector: FakeConnector;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    connector = new FakeConnector([lene, soeren]);
    connector.addConversation(meeting.id, [lene, soeren]);
    await connector.start();
  });

  afterAll(async () => {
    await bot?.stop();
    await connector.stop();
  });

  it('continues where it was in a new process on the same storage, with notes and agreements intact', async () => {
    bot = await startBot();
    let teams = new TeamsClient(bot.url, connector);
    const cid = await createMus(teams, connector);
    await pickAndStart(teams, connector, cid);
    let home = sharedCard(connector);
    let card = (await teams.press(lene, meeting, home.id, home.card, 'session.next')).card;
    card = (await teams.press(soeren, meeting, home.id, card, 'session.next', { note: 'Trives, men vil gerne have mere feedback' })).card;
    expect(textOf(card)).toContain('Spørgsmål 2 af 9');

    // The process dies without warning; a new one starts on the same data folder.
    const { dataDir } = bot;
    await bot.stop();
    bot = await startBot({ dataDir });
    teams = new TeamsClient(bot.url, connector);

    home = sharedCard(connector);
    card = (await teams.press(lene, meeting, home.id, home.card, 'session.back')).card;
    expect(textOf(card)).toContain('Spørgsmål 1 af 9');
    expect(JSON.stringify(card)).toContain('Trives, men vil gerne have mere feedback');
    for (let i = 0; i < 3; i++) card = (await teams.press(lene, meeting, home.id, card, 'session.next')).card;
    card = (await teams.press(lene, meeting, home.id, card, 'agreement.save', {
      what: 'Feedback hver anden uge', when: 'Fra januar', responsibleId: lene.aadObjectId, followUpDate: '2030-04-01'
    })).card;
    expect(textOf(card)).toContain('Aftalen er gemt.');
    expect(textOf(card)).toContain('Feedback hver anden uge');
  });
});
