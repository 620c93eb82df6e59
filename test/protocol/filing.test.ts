import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { lene, meeting, pickAndStart, quiet, seen, sharedCard, soeren, useBot } from '../support/scenario';
import { storedState } from '../support/storedState';
import { textOf } from '../support/teamsClient';

describe('filing the finished plan', () => {
  const filingRoot = join(mkdtempSync(join(tmpdir(), 'filing-')), 'onedrive');
  const world = useBot({ env: () => ({ FILING_ROOT: filingRoot }) });

  it('creates one MUS when the create button is pressed twice', async () => {
    await world.teams.say(lene, meeting, 'ny mus');
    const create = sharedCard(world.connector);
    const inputs = { employeeId: soeren.aadObjectId, date: '2030-02-03', format: 'table' };
    const [first, second] = await Promise.all([
      world.teams.press(lene, meeting, create.id, create.card, 'mus.create', inputs),
      world.teams.press(lene, meeting, create.id, create.card, 'mus.create', inputs)
    ]);
    const cidOf = (card: any) => card.actions.find((a: any) => a.verb === 'session.start').data.cid;
    expect(cidOf(second.card)).toBe(cidOf(first.card));
    await quiet(world.connector);
    expect(world.connector.sentTo(world.connector.personalChatOf(soeren))).toHaveLength(1);
  });

  it('tells the leader when the personnel folder cannot be written, keeps the plan, and files it once on retry', async () => {
    const cid = (await seen(world, lene)).card.actions.find((a: any) => a.verb === 'session.start').data.cid;
    await pickAndStart(world.teams, world.connector, cid);
    const home = sharedCard(world.connector).id;
    await world.teams.execute(lene, meeting, home, 'agreement.save', { cid, perspectiveId: 'adfaerd', what: 'Sparring', when: 'Løbende', responsibleId: lene.aadObjectId, followUpDate: '2030-03-01' });

    writeFileSync(filingRoot, 'not a folder'); // the "drive" is unavailable
    const finished = await world.teams.execute(lene, meeting, home, 'session.finish', { cid });
    expect(textOf(finished.card)).toContain('Planen er ikke gemt i personalemappen endnu. Intet er gået tabt');
    expect(textOf(finished.card)).toContain('Planen er gemt sikkert hos mig og gemmes automatisk');
    const lenesChat = world.connector.sentTo(world.connector.personalChatOf(lene)).map((p) => p.activity.text ?? '');
    expect(lenesChat.join('\n')).toContain('Planen er gemt sikkert hos mig og gemmes automatisk, så snart det lykkes');

    const employeeTries = await world.teams.press(soeren, meeting, home, finished.card, 'plan.file');
    expect(textOf(employeeTries.card)).toContain('Kun lederen kan gøre dette.');

    rmSync(filingRoot);
    mkdirSync(filingRoot);
    const retried = await world.teams.press(lene, meeting, home, finished.card, 'plan.file');
    expect(textOf(retried.card)).toContain('Planen er nu gemt i personalemappen.');
    const again = await world.teams.press(lene, meeting, home, finished.card, 'plan.file');
    expect(textOf(again.card)).toContain('Planen er nu gemt i personalemappen.');
    expect(readdirSync(join(filingRoot, 'Lene Løvgren', 'Personalemapper', 'Søren Ærø'))).toEqual(['MUS 2030-02-03.pdf']);

    // One audit record of the filing: who, when, which file — and nothing of the plan itself.
    const audits = (await storedState(world.bot.dataDir)).filter((line) => line.startsWith('audit/'));
    expect(audits).toHaveLength(1);
    const audit = audits[0].slice(audits[0].indexOf(': ') + 2);
    expect(JSON.parse(audit)).toEqual({
      event: 'plan-filed', conversationId: cid, kind: 'MUS', filedBy: lene.aadObjectId, at: expect.any(String), location: 'Lene Løvgren/Personalemapper/Søren Ærø/MUS 2030-02-03.pdf'
    });
    expect(audit).not.toMatch(/Sparring|Løbende|Mod|Feedback/);
  });
});
