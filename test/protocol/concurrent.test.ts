import { startBot, type BotProcess } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { createMus, lene, meeting, pickAndStart, sharedCard, soeren } from '../support/scenario';
import { TeamsClient, textOf } from '../support/teamsClient';

describe('two participants submitting at the same moment', () => {
  let connector: FakeConnector;
  let bot: BotProcess;
  let teams: TeamsClient;

  beforeAll(async () => {
    connector = new FakeConnector([lene, soeren]);
    connector.addConversation(meeting.id, [lene, soeren]);
    await connector.start();
    bot = await startBot();
    teams = new TeamsClient(bot.url, connector);
    await pickAndStart(teams, connector, await createMus(teams, connector));
  });

  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('keeps both notes typed on the same question', async () => {
    const home = sharedCard(connector);
    const question = (await teams.press(lene, meeting, home.id, home.card, 'session.next')).card;
    await Promise.all([
      teams.press(lene, meeting, home.id, question, 'session.save', { note: 'Lene: travl periode før jul' }),
      teams.press(soeren, meeting, home.id, question, 'session.save', { note: 'Søren: glad for teamet' })
    ]);
    const note = JSON.stringify(sharedCard(connector).card);
    expect(note).toContain('Lene: travl periode før jul');
    expect(note).toContain('Søren: glad for teamet');
  });

  it('keeps both agreements added from the same card', async () => {
    let card = sharedCard(connector).card;
    const home = sharedCard(connector).id;
    for (let i = 0; i < 3; i++) card = (await teams.press(lene, meeting, home, card, 'session.next')).card;
    expect(textOf(card)).toContain('Aftaler for Adfærd');
    await Promise.all([
      teams.press(lene, meeting, home, card, 'agreement.save', { what: 'Lederkursus', when: 'Q2', responsibleId: lene.aadObjectId, followUpDate: '2030-06-01' }),
      teams.press(soeren, meeting, home, card, 'agreement.save', { what: 'Faglig sparring', when: 'Q3', responsibleId: soeren.aadObjectId, followUpDate: '2030-09-01' })
    ]);
    const shared = textOf(sharedCard(connector).card);
    expect(shared).toContain('Lederkursus');
    expect(shared).toContain('Faglig sparring');
  });
});
