import { startBot, type BotProcess } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { createMus, lene, meeting, sharedCard, soeren } from '../support/scenario';
import { TeamsClient, textOf } from '../support/teamsClient';

describe('a participant the bot cannot write to privately', () => {
  let connector: FakeConnector;
  let bot: BotProcess;
  let teams: TeamsClient;

  beforeAll(async () => {
    connector = new FakeConnector([lene, soeren]);
    connector.addConversation(meeting.id, [lene, soeren]);
    connector.unreachable.add(soeren.aadObjectId);
    await connector.start();
    bot = await startBot();
    teams = new TeamsClient(bot.url, connector);
  });

  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('tells the leader who was not reached and lets them pick in the meeting chat, seeing only their own card', async () => {
    const cid = await createMus(teams, connector);
    const home = sharedCard(connector);
    expect(textOf(home.card)).toContain('Jeg kunne ikke skrive privat til Søren Ærø');
    expect(connector.sentTo(connector.personalChatOf(soeren))).toHaveLength(0);

    const own = await teams.press(soeren, meeting, home.id, home.card, 'keywords.open');
    expect(textOf(own.card)).toContain('Vælg de 3 stikord');
    expect(textOf(own.card)).toContain('Samtalen med Lene Løvgren');

    const saved = await teams.press(soeren, meeting, home.id, own.card, 'keywords.pick', { keywords: 'Mod,Sparring,Fravær' });
    expect(textOf(saved.card)).toContain('Dine stikord er gemt');
    // Everyone else still sees only that Søren has picked, not what.
    const shared = textOf(sharedCard(connector).card);
    expect(shared).toMatch(/Søren Ærø \(Medarbejder\)\nhar valgt/);
    expect(shared).not.toContain('Sparring');
    expect(cid).toBeTruthy();
  });
});
