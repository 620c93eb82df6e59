import { verbs } from '../../src/cards/inputs';
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

  it('answers with a Danish notice instead of a card Teams would refuse for its size, and logs it', async () => {
    const bot = inProcessBot();
    const cid = await heldMus(bot);
    bot.cards.homeViewFor = async () => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'ø'.repeat(41 * 1024) }] });
    const { status, card } = await bot.execute(lene, 'session.next', { cid, atStep: 0 });
    expect(status).toBe(200);
    expect(textOf(card)).toContain(da.t('error.too_large'));
    expect(bot.logged).toContainEqual({ level: 'error', event: 'answer over the size budget', fields: { verb: 'session.next', bytes: expect.any(Number) } });
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

  it('stores an agreement once when Teams sends the same save twice, and two people typing into the same card make two', async () => {
    const bot = inProcessBot();
    const cid = await heldMus(bot);
    const at = stepsOf((await bot.conversations.get(cid))!).findIndex((s) => s.kind === 'agreements');
    const { card } = await bot.execute(lene, 'session.goto', { cid, step: at });
    const save = actionsOf(card).find((a) => a.verb === 'agreement.save');
    const typed = (what: string) => ({ ...inputsOf(card), ...save.data, what, when: 'Foråret', responsibleId: soeren.aadObjectId, followUpDate: '2027-03-01' });

    const first = await bot.execute(lene, 'agreement.save', typed('Kursus i konflikthåndtering'));
    const again = await bot.execute(lene, 'agreement.save', typed('Kursus i konflikthåndtering'));
    for (const answer of [first, again]) expect(textOf(answer.card)).toContain(da.t('agreement.saved', { what: 'Kursus i konflikthåndtering' }));
    expect((await bot.conversations.get(cid))!.agreements.map((a) => a.what)).toEqual(['Kursus i konflikthåndtering']);

    await bot.execute(soeren, 'agreement.save', typed('Mentorordning'));
    expect((await bot.conversations.get(cid))!.agreements.map((a) => a.what)).toEqual(['Kursus i konflikthåndtering', 'Mentorordning']);
    const next = actionsOf(again.card).find((a) => a.verb === 'agreement.save');
    await bot.execute(lene, 'agreement.save', { ...typed('Fast sparring'), ...next.data });
    expect((await bot.conversations.get(cid))!.agreements).toHaveLength(3);
  });

  it('stores the agreement typed before moving on once when the move is sent twice', async () => {
    const bot = inProcessBot();
    const cid = await heldMus(bot);
    const at = stepsOf((await bot.conversations.get(cid))!).findIndex((s) => s.kind === 'agreements');
    const { card } = await bot.execute(lene, 'session.goto', { cid, step: at });
    const next = actionsOf(card).find((a) => a.verb === 'session.next');
    const moveOn = { ...inputsOf(card), ...next.data, what: 'Kursus i konflikthåndtering' };
    await bot.execute(lene, 'session.next', moveOn);
    const again = await bot.execute(lene, 'session.next', moveOn);
    expect(textOf(again.card)).toContain(da.t('session.stale'));
    expect((await bot.conversations.get(cid))!).toMatchObject({ step: at + 1, agreements: [expect.objectContaining({ what: 'Kursus i konflikthåndtering' })] });
  });

  it('follows up and postpones once when the same press arrives twice, and says it is done both times', async () => {
    const bot = inProcessBot();
    const done = await finishedMus(bot, 'Kursus i Excel');
    const moved = await finishedMus(bot, 'Mentorordning', { id: 'aad-mette', name: 'Mette Østergaard' });
    const list = (await bot.say(lene, 'opfølgning'))[0].attachments![0].content;
    const press = (verb: string, cid: string, typed: Record<string, string>) => {
      const action = actionsOf(list).find((a) => a.verb === verb && a.data.cid === cid);
      return bot.execute(lene, verb, { ...inputsOf(list), ...action.data, ...typed });
    };
    const names = (cid: string, c: { agreements: { id: string }[] }) => ({ note: `note_${cid}_${c.agreements[0].id}`, to: `to_${cid}_${c.agreements[0].id}` });
    const doneNames = names(done, (await bot.conversations.get(done))!);
    const movedNames = names(moved, (await bot.conversations.get(moved))!);

    for (let i = 0; i < 2; i++) {
      const { card } = await press('followup.done', done, { [doneNames.note]: 'Kurset er taget' });
      expect(textOf(card)).toContain(da.t('followUp.markedDone'));
    }
    for (let i = 0; i < 2; i++) {
      const { card } = await press('followup.postpone', moved, { [movedNames.to]: '2027-06-01' });
      expect(textOf(card)).toContain(da.t('followUp.postponedTo', { date: da.date('2027-06-01') }));
    }
    expect((await bot.conversations.get(done))!.agreements[0].followedUp).toMatchObject({ note: 'Kurset er taget' });
    expect((await bot.conversations.get(moved))!.agreements[0]).toMatchObject({ followUpDate: '2027-06-01', postponedFrom: ['2027-03-01'] });
  });

  it('keeps the page a person turned to on the shared card when someone else\'s change brings the card up to date, and only for them', async () => {
    const bot = inProcessBot();
    const cid = await heldMus(bot);
    await bot.share(cid, { [lene.aadObjectId]: lene.id, [soeren.aadObjectId]: soeren.id });
    const long = 'Kursus i konflikthåndtering. '.repeat(16);
    for (let i = 0; i < 30; i++) {
      await bot.conversations.act(cid, lene.aadObjectId, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what: `Aftale ${i}: ${long}`, when: long.slice(0, 200), value: long.repeat(2).slice(0, 1000), responsibleId: soeren.aadObjectId, followUpDate: '2027-03-01', valueFor: [] } });
    }
    const review = stepsOf((await bot.conversations.get(cid))!).length - 1;
    const first = (await bot.execute(lene, 'session.goto', { cid, step: review }, true)).card;
    const next = actionsOf(first).find((a) => a.verb === 'card.page' && a.isEnabled);
    const second = (await bot.execute(lene, 'card.page', next.data, true)).card;
    expect(textOf(second)).toContain('side 2 af');

    await bot.conversations.act(cid, soeren.aadObjectId, { type: 'saveAgreement', agreement: { perspectiveId: 'adfaerd', what: 'Mentorordning', when: 'snart', valueFor: [] } });
    expect(textOf((await bot.execute(lene, 'card.refresh', { cid }, true)).card)).toContain('side 2 af');
    expect(textOf((await bot.execute(soeren, 'card.refresh', { cid }, true)).card)).toContain('side 1 af');
  });

  it('searches the employee filter of the follow-up list among the leader\'s own people only', async () => {
    const bot = inProcessBot();
    await finishedMus(bot, 'Kursus i Excel');
    await finishedMus(bot, 'Mentorordning', { id: 'aad-mette', name: 'Mette Østergaard' });
    expect(await bot.search(lene, 'followup.employees', 'øster')).toEqual([{ title: 'Mette Østergaard', value: 'aad-mette' }]);
    expect(await bot.search(lene, 'followup.employees', '')).toHaveLength(2);
    expect(await bot.search({ id: '29:stranger', aadObjectId: 'aad-stranger', name: 'Fremmed' }, 'followup.employees', '')).toEqual([]);
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
    expect(textOf(home.card)).toMatch(/Søren Ærø \(Medarbejder\)\nhar valgt/);
    expect(textOf(home.card)).toContain('Lederen starter samtalen, når I er samlet.');
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

describe('before the reveal', () => {
  it('shows no one else\'s picks, whatever verb is sent, on the shared card or in a 1:1 chat', async () => {
    const bot = inProcessBot();
    const cid = await newMus(bot);
    await bot.share(cid);
    await bot.execute(lene, 'keywords.pick', { cid, keywords: 'Mod,Ansvar,Planlægning' });
    const lenesPicks = /(Mod|Ansvar|Planlægning), (Mod|Ansvar|Planlægning)/;
    // Søren's own pick is the reveal itself; creating and HR cards name no conversation's picks.
    const sent = (Object.keys(verbs) as (keyof typeof verbs)[]).filter((verb) => !['keywords.pick', 'create.choose', 'mus.create', 'hr.unit'].includes(verb));
    for (const verb of sent) {
      for (const onSharedCard of [true, false]) {
        const { card } = await bot.execute(soeren, verb, { cid, atStep: 0, step: 0, agreementId: 'x', view: 'reminder' }, onSharedCard);
        expect([verb, onSharedCard, textOf(card)]).toEqual([verb, onSharedCard, expect.not.stringMatching(lenesPicks)]);
      }
    }
    expect((await bot.conversations.get(cid))!.phase).toBe('preparing');
  });
});

describe('when storage fails in the middle of a turn', () => {
  it('says a note is saved when only showing the card failed after the write', async () => {
    const storage = new MemoryStorage();
    const bot = inProcessBot({ storage });
    const cid = await heldMus(bot);
    await bot.share(cid);
    storage.failingReads.add('delivery/');
    const { card } = await bot.execute(lene, 'session.save', { cid, atStep: 1, note: 'Søren vil gerne have mere sparring' }, true);
    expect(textOf(card)).toContain('Det er gemt. Jeg kan bare ikke vise kortet lige nu – åbn det igen om lidt.');
    expect(textOf(card)).not.toContain('Jeg kan ikke gemme');
    expect(JSON.stringify(await bot.conversations.get(cid))).toContain('Søren vil gerne have mere sparring');
    expect(bot.logged).toContainEqual({ level: 'error', event: 'storage unavailable', fields: { verb: 'session.navigate', after: 'saved' } });
  });

  it('says it could not save when the write itself could not happen, and nothing changed', async () => {
    const storage = new MemoryStorage();
    const bot = inProcessBot({ storage });
    const cid = await heldMus(bot);
    const before = await bot.conversations.get(cid);
    storage.failingReads.add('conversation/');
    const { card } = await bot.execute(lene, 'session.save', { cid, atStep: 1, note: 'Søren vil gerne have mere sparring' });
    expect(textOf(card)).toContain('Jeg kan ikke gemme lige nu.');
    storage.failingReads.clear();
    expect(await bot.conversations.get(cid)).toEqual(before);
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
