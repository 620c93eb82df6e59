import { keywordCard } from '../../src/cards/views';
import { stepsOf } from '../../src/domain/conversation';
import { translator } from '../../src/i18n/catalog';
import { offeredCommands } from '../../src/teams/textCommands';
import { albertslund } from '../support/concepts';
import { inProcessBot } from '../support/inProcessBot';
import { MemoryStorage } from '../support/memoryStorage';
import { lene, soeren } from '../support/scenario';
import { actionsOf, inputsOf, textOf } from '../support/teamsClient';

const da = translator('da');

/** A MUS between Lene and Søren in the in-process bot, nobody has picked yet. */
async function newMus(bot: ReturnType<typeof inProcessBot>): Promise<string> {
  const created = await bot.conversations.create({
    kind: 'MUS', concept: albertslund(), leader: { id: lene.aadObjectId, name: lene.name }, employees: [{ id: soeren.aadObjectId, name: soeren.name }], date: '2026-12-10', format: 'table', questionTexts: {}
  }, 'origin');
  if (!created.ok) throw new Error(created.error.code);
  return created.value.conversation.id;
}

/** The same MUS, both picked and started. */
async function heldMus(bot: ReturnType<typeof inProcessBot>) {
  const cid = await newMus(bot);
  await bot.execute(lene, 'keywords.pick', { cid, keywords: 'Mod,Ansvar,Planlægning' });
  await bot.execute(soeren, 'keywords.pick', { cid, keywords: 'Feedback,Nærvær,Økonomi' });
  await bot.execute(lene, 'session.start', { cid });
  return cid;
}

/** A finished MUS with one open agreement (Søren responsible), with another employee than Søren if asked. */
async function finishedMus(bot: ReturnType<typeof inProcessBot>, what: string, employeeOf = { id: soeren.aadObjectId, name: soeren.name }) {
  const created = await bot.conversations.create({
    kind: 'MUS', concept: albertslund(), leader: { id: lene.aadObjectId, name: lene.name }, employees: [employeeOf], date: '2026-12-10', format: 'table', questionTexts: {}
  }, `origin-${what}`);
  if (!created.ok) throw new Error(created.error.code);
  const cid = created.value.conversation.id;
  for (const who of [lene.aadObjectId, employeeOf.id]) await bot.conversations.act(cid, who, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
  await bot.conversations.act(cid, lene.aadObjectId, { type: 'start' });
  await bot.conversations.act(cid, lene.aadObjectId, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what, when: 'snart', responsibleId: employeeOf.id, followUpDate: '2027-03-01', valueFor: [] } });
  const finished = await bot.conversations.act(cid, lene.aadObjectId, { type: 'finish' });
  if (finished.kind !== 'applied') throw new Error(finished.kind);
  return cid;
}

describe('the Teams edge, handler by handler', () => {
  it('answers a card action that fails unexpectedly with a Danish notice card (status 200), never Teams’ own error', async () => {
    const bot = inProcessBot();
    const cid = await heldMus(bot);
    bot.conversations.act = () => Promise.reject(new TypeError('a bug somewhere'));
    const { status, card } = await bot.execute(lene, 'session.next', { cid, atStep: 0 });
    expect(status).toBe(200);
    expect(textOf(card)).toContain(da.t('error.unexpected'));
    expect(bot.logged).toContainEqual({ level: 'error', event: 'request failed', fields: { verb: 'session.navigate', error: 'TypeError' } });
  });

  it('answers a text command that fails with a line of Danish text', async () => {
    const storage = new MemoryStorage();
    const bot = inProcessBot({ storage });
    storage.list = () => Promise.reject(new Error('storage account unreachable'));
    const answers = await bot.say(lene, 'opfølgning');
    expect(answers.map((a) => a.text)).toEqual([da.t('error.storage_unavailable')]);
  });

  it('refuses a card naming a conversation whose stored record cannot be read with a Danish message, and logs which record', async () => {
    const storage = new MemoryStorage();
    const bot = inProcessBot({ storage });
    const cid = await heldMus(bot);
    storage.corrupt(`conversation/${cid}`);
    const { status, card } = await bot.execute(lene, 'session.next', { cid, atStep: 0 });
    expect(status).toBe(200);
    expect(textOf(card)).toContain(da.t('error.record_unreadable'));
    expect(bot.logged).toContainEqual({ level: 'error', event: 'record unreadable', fields: { verb: 'session.navigate', record: `conversation/${cid}` } });
  });

  it('answers "opfølgning" and "oversigt" without a conversation whose record cannot be read, and logs it without its content', async () => {
    const storage = new MemoryStorage();
    const bot = inProcessBot({ storage });
    await finishedMus(bot, 'Kursus i Excel');
    const broken = await finishedMus(bot, 'Mentorordning', { id: 'aad-mette', name: 'Mette Østergaard' });
    storage.corrupt(`conversation/${broken}`);
    const [followUps] = await bot.say(lene, 'opfølgning');
    const text = JSON.stringify(followUps.attachments);
    expect(text).toContain('Kursus i Excel');
    expect(text).not.toContain('Mentorordning');
    const [yearly] = await bot.say(lene, 'oversigt');
    expect(JSON.stringify(yearly.attachments)).toContain(soeren.name);
    const skipped = bot.logged.filter((l) => l.event === 'record unreadable, skipped');
    expect(skipped[0]).toEqual({ level: 'warn', event: 'record unreadable, skipped', fields: { record: `conversation/${broken}` } });
  });

  it('saves a half-typed agreement and the step it moves on from in one write, and the others’ cards follow once', async () => {
    const storage = new MemoryStorage();
    const bot = inProcessBot({ storage });
    const cid = await heldMus(bot);
    const c = (await bot.conversations.get(cid))!;
    const at = stepsOf(c).findIndex((s) => s.kind === 'agreements');
    await bot.conversations.act(cid, lene.aadObjectId, { type: 'goToStep', step: at });
    storage.touched.written.length = 0;
    bot.published.length = 0;

    const { card } = await bot.execute(lene, 'session.next', { cid, atStep: at, perspectiveId: 'adfaerd', what: 'Kursus i konflikthåndtering', when: '', responsibleId: '', followUpDate: '' });

    expect(storage.touched.written.filter((key) => key.startsWith('conversation/'))).toEqual([`conversation/${cid}`]);
    const after = (await bot.conversations.get(cid))!;
    expect(after.step).toBe(at + 1);
    expect(after.agreements.map((a) => a.what)).toEqual(['Kursus i konflikthåndtering']);
    expect(after.revision).toBe(c.revision + 2);
    await bot.jobs.settle();
    expect(bot.published).toEqual([{ cards: 'shared', conversationId: cid, revision: after.revision }]);
    expect(card).toBeDefined();
  });

  it('refuses a malformed half-typed agreement on the card, with what was typed kept, and moves nothing', async () => {
    const bot = inProcessBot();
    const cid = await heldMus(bot);
    const c = (await bot.conversations.get(cid))!;
    const at = stepsOf(c).findIndex((s) => s.kind === 'agreements');
    await bot.conversations.act(cid, lene.aadObjectId, { type: 'goToStep', step: at });
    const { card } = await bot.execute(lene, 'session.next', { cid, atStep: at, perspectiveId: 'adfaerd', what: 'Kursus', when: 'x'.repeat(5000) });
    expect(textOf(card)).toContain(da.t('error.invalid_input', { field: da.t('field.when') }));
    expect(textOf(card)).toContain('Kursus');
    expect((await bot.conversations.get(cid))!).toMatchObject({ step: at, agreements: [] });
  });

  it('brings the shared card up to date on every change, and everyone’s own card with the reveal when the last person picks', async () => {
    const bot = inProcessBot();
    const cid = await newMus(bot);
    await bot.execute(lene, 'keywords.pick', { cid, keywords: 'Mod,Ansvar,Planlægning' });
    await bot.execute(soeren, 'keywords.pick', { cid, keywords: 'Feedback,Nærvær,Økonomi' });
    await bot.jobs.settle();
    expect(bot.published.map((p) => p.cards)).toEqual(['shared', 'shared', 'revealed']);
  });
});

describe('before the conversation', () => {
  it('tells the leader who has not picked when she starts, and starts only once she confirms', async () => {
    const bot = inProcessBot();
    const cid = await newMus(bot);
    await bot.execute(lene, 'keywords.pick', { cid, keywords: 'Mod,Ansvar,Planlægning' });

    const asked = await bot.execute(lene, 'session.start', { cid });
    expect(textOf(asked.card)).toContain('Søren Ærø har ikke valgt stikord endnu. Vil du starte samtalen alligevel?');
    expect((await bot.conversations.get(cid))!.phase).toBe('preparing');
    const confirm = actionsOf(asked.card).find((a) => a.title === 'Start alligevel');
    expect(confirm).toMatchObject({ verb: 'session.start', data: { cid, withoutPicks: true } });

    const started = await bot.execute(lene, 'session.start', confirm.data);
    expect(textOf(started.card)).toMatch(/Søren Ærø \(Medarbejder\)\nvalgte ingen stikord/);
    const soerens = keywordCard((await bot.conversations.get(cid))!, soeren.aadObjectId, da);
    expect(textOf(soerens)).toContain('Samtalen er startet uden dine stikord.');
    expect(textOf(soerens)).not.toContain('Du kan ændre dem');
    expect(textOf(soerens)).not.toContain('Du ser de andres stikord, når alle har valgt.');
  });

  it('gives someone who picks on the shared card their own card, and a way back to the conversation card', async () => {
    const bot = inProcessBot();
    const cid = await newMus(bot);
    await bot.share(cid);
    const own = await bot.execute(soeren, 'keywords.open', { cid }, true);
    expect(textOf(own.card)).toContain('Vælg de 3 stikord');
    const saved = await bot.execute(soeren, 'keywords.pick', { cid, keywords: 'Mod,Sparring,Fravær' }, true);
    expect(textOf(saved.card)).toContain('Dine stikord er gemt');
    const back = actionsOf(saved.card).find((a) => a.verb === 'keywords.close');
    expect(back).toMatchObject({ title: 'Tilbage til samtalekortet', associatedInputs: 'none' });
    const home = await bot.execute(soeren, 'keywords.close', back.data, true);
    expect(actionsOf(home.card).map((a) => a.verb)).toContain('session.start');
    // In one's own 1:1 chat the keyword card is the only card: nothing to go back to.
    expect(actionsOf((await bot.execute(soeren, 'keywords.open', { cid })).card).map((a) => a.verb)).not.toContain('keywords.close');
  });
});

describe('rewording the questions', () => {
  it('puts the concept\'s suggested wording into the questions for the leader to edit, and changes nothing until she saves', async () => {
    const bot = inProcessBot();
    const cid = await newMus(bot);
    const before = await bot.conversations.get(cid);
    const { card } = await bot.execute(lene, 'questions.suggest', { cid }, true);
    expect(inputsOf(card)['q_struktur-3']).toBe('Hvor ser du behov for at udvikle nye samarbejder?');
    expect(inputsOf(card)['q_opgaver-3']).toBe('Hvordan bliver vi endnu bedre rustet til at lykkes og skabe værdi for borgerne og Albertslund Kommune?');
    expect(textOf(card)).toContain('Forslagene er sat ind i spørgsmålene herunder.');
    expect(await bot.conversations.get(cid)).toEqual(before);
    const saved = await bot.execute(lene, 'questions.rephrase', { cid, ...inputsOf(card) }, true);
    expect(textOf(saved.card)).toContain('Spørgsmålene er gemt');
    expect((await bot.conversations.get(cid))!.concept.perspectives[1].questions[2].text).toBe('Hvor ser du behov for at udvikle nye samarbejder?');
  });
});

describe('during the conversation', () => {
  it('says in one message that an agreement was saved but is not finished, and what it still needs', async () => {
    const bot = inProcessBot();
    const cid = await heldMus(bot);
    const { card } = await bot.execute(lene, 'agreement.save', { cid, perspectiveId: 'adfaerd', what: 'Kursus', when: 'Foråret', responsibleId: soeren.aadObjectId, followUpDate: '' });
    expect(textOf(card)).toContain('Aftalen er gemt, men den er ikke færdig endnu: den mangler opfølgningsdato.');
    expect(textOf(card)).not.toContain('Aftalen er gemt.');
    expect(JSON.stringify(card)).not.toContain('"style":"good"');
  });
});

describe('the help text', () => {
  it('lists every command the bot understands, with what it does', async () => {
    const bot = inProcessBot();
    const [answer] = await bot.say(lene, 'hjælp');
    for (const command of offeredCommands) expect(answer.text).toContain(`**${command.da}** – ${da.t(`commands.${command.about}`)}`);
    expect(answer.text).toContain('mine samtaler');
  });
});

describe('handing plans over (overdrag)', () => {
  it('says there is nothing to hand over when plans are filed in the personnel archive', async () => {
    const [answer] = await inProcessBot({ handover: { kind: 'archive' } }).say(lene, 'overdrag Søren Ærø');
    expect(answer.text).toBe(da.t('handover.inArchive'));
  });

  it('says what it needs where filing cannot hand over (delegated filing, or no directory)', async () => {
    const [answer] = await inProcessBot().say(lene, 'Overdrag Søren Ærø');
    expect(answer.text).toContain('FILING_AUTH=app');
    expect(answer.text).toContain('GRAPH_DIRECT_REPORTS=true');
  });
});
