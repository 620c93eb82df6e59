import { startBot, type BotProcess } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { createMus, lene, meeting, sharedCard, soeren } from '../support/scenario';
import { TeamsClient, textOf, type Chat } from '../support/teamsClient';

describe('preparing a MUS', () => {
  let connector: FakeConnector;
  let bot: BotProcess;
  let teams: TeamsClient;

  beforeAll(async () => {
    connector = new FakeConnector([lene, soeren]);
    connector.addConversation(meeting.id, [lene, soeren]);
    await connector.start();
    bot = await startBot();
    teams = new TeamsClient(bot.url, connector);
  });

  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('lets the leader reword a question after creating it, and the keyword cards follow', async () => {
    await createMus(teams, connector);
    const home = sharedCard(connector);
    const refused = await teams.press(soeren, meeting, home.id, home.card, 'questions.rephrase', { 'q_struktur-3': 'Hvem skal du samarbejde mere med?' });
    expect(textOf(refused.card)).toContain('Kun lederen kan gøre dette.');

    const saved = await teams.press(lene, meeting, home.id, home.card, 'questions.rephrase', { 'q_struktur-3': 'Hvem skal du samarbejde mere med?' });
    expect(textOf(saved.card)).toContain('Spørgsmålene er gemt');
    const soerensChat = connector.personalChatOf(soeren);
    const keywordCard = connector.sentTo(soerensChat)[0];
    const shown = textOf(connector.currentCard(soerensChat, keywordCard.activityId));
    expect(shown).toContain('Hvem skal du samarbejde mere med?');
    expect(shown).not.toContain('Hvor ser I behov for at udvikle nye samarbejder?');
  });

  it('creates a MUS from the leader\'s own chat with someone chosen in the people picker', async () => {
    const lenesChat: Chat = { id: connector.personalChatOf(lene), type: 'personal' };
    connector.addConversation(lenesChat.id, [lene]);
    await teams.say(lene, lenesChat, 'ny mus');
    const sent = connector.sentTo(lenesChat.id);
    const createCard = connector.currentCard(lenesChat.id, sent[sent.length - 1].activityId);
    expect(JSON.stringify(createCard)).toContain('graph.microsoft.com/users');

    const created = await teams.press(lene, lenesChat, sent[sent.length - 1].activityId, createCard, 'mus.create', { employeeId: soeren.aadObjectId, date: '2030-06-02', format: 'walk' });
    expect(textOf(created.card)).toContain('MUS med Søren Ærø');
    expect(textOf(created.card)).toContain("2. juni 2030 · Walk'n'talk");
  });
});
