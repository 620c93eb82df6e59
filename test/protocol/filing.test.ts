import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startBot, type BotProcess } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { lene, meeting, pickAndStart, sharedCard, soeren } from '../support/scenario';
import { TeamsClient, textOf } from '../support/teamsClient';

describe('filing the finished plan', () => {
  let connector: FakeConnector;
  let bot: BotProcess;
  let teams: TeamsClient;
  const root = mkdtempSync(join(tmpdir(), 'filing-'));
  const filingRoot = join(root, 'onedrive');

  beforeAll(async () => {
    connector = new FakeConnector([lene, soeren]);
    connector.addConversation(meeting.id, [lene, soeren]);
    await connector.start();
    bot = await startBot({ env: { FILING_ROOT: filingRoot } });
    teams = new TeamsClient(bot.url, connector);
  });

  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('creates one MUS when the create button is pressed twice', async () => {
    await teams.say(lene, meeting, 'ny mus');
    const create = sharedCard(connector);
    const inputs = { employeeId: soeren.aadObjectId, date: '2030-02-03', format: 'table' };
    const [first, second] = await Promise.all([
      teams.press(lene, meeting, create.id, create.card, 'mus.create', inputs),
      teams.press(lene, meeting, create.id, create.card, 'mus.create', inputs)
    ]);
    const cidOf = (card: any) => card.actions.find((a: any) => a.verb === 'session.start').data.cid;
    expect(cidOf(second.card)).toBe(cidOf(first.card));
    expect(connector.sentTo(connector.personalChatOf(soeren))).toHaveLength(1);
  });

  it('tells the leader when the personnel folder cannot be written, keeps the plan, and files it once on retry', async () => {
    const cid = sharedCard(connector).card.actions.find((a: any) => a.verb === 'session.start').data.cid;
    await pickAndStart(teams, connector, cid);
    const home = sharedCard(connector).id;
    await teams.execute(lene, meeting, home, 'agreement.save', { cid, perspectiveId: 'adfaerd', what: 'Sparring', when: 'Løbende', responsibleId: lene.aadObjectId, followUpDate: '2030-03-01' });

    writeFileSync(filingRoot, 'not a folder'); // the "drive" is unavailable
    const finished = await teams.execute(lene, meeting, home, 'session.finish', { cid });
    expect(textOf(finished.card)).toContain('Planen er ikke gemt i personalemappen endnu. Intet er gået tabt');
    const lenesChat = connector.sentTo(connector.personalChatOf(lene)).map((p) => p.activity.text ?? '');
    expect(lenesChat.join('\n')).toContain('kunne ikke gemmes i personalemappen endnu');

    const employeeTries = await teams.press(soeren, meeting, home, finished.card, 'plan.file');
    expect(textOf(employeeTries.card)).toContain('Kun lederen kan gøre dette.');

    rmSync(filingRoot);
    mkdirSync(filingRoot);
    const retried = await teams.press(lene, meeting, home, finished.card, 'plan.file');
    expect(textOf(retried.card)).toContain('Planen er nu gemt i personalemappen.');
    const again = await teams.press(lene, meeting, home, finished.card, 'plan.file');
    expect(textOf(again.card)).toContain('Planen er nu gemt i personalemappen.');
    expect(readdirSync(join(filingRoot, 'Lene Løvgren', 'Personalemapper', 'Søren Ærø'))).toEqual(['MUS 2030-02-03.pdf']);
  });
});
