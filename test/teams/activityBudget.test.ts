import type { Activity } from 'botbuilder';
import { ACTIVITY_BUDGET_BYTES, utf16Bytes } from '../../src/cards/budget';
import { hrOverviewCard } from '../../src/cards/hrViews';
import { reminderCard } from '../../src/cards/followUpViews';
import { agreementsSummary, createCard, sharedCard, withRefresh } from '../../src/cards/views';
import { employeesOf, stepsOf } from '../../src/domain/conversation';
import { limits } from '../../src/domain/text';
import { planDocument } from '../../src/domain/plan';
import { translator } from '../../src/i18n/catalog';
import { invokeAnswer } from '../../src/teams/actionFrame';
import { outgoingActivity } from '../../src/teams/messenger';
import type { UnitSummary, UnitView } from '../../src/app/hrOverview';
import { emptyFigures } from '../../src/domain/coverage';
import { albertslund, hoejeTaastrup } from '../support/concepts';
import type { TeamsUser } from '../support/fakeConnector';
import { inProcessBot } from '../support/inProcessBot';
import { largestLeader, largestMembers, maxText } from '../support/largestConversations';
import { actionsOf, inputsOf, textOf } from '../support/teamsClient';

/**
 * Every card and every answer of the largest conversations the product accepts, measured as Teams
 * counts an activity (the app's own measure), against the 80 KB budget: what Teams refuses at 100 KB
 * must never be sent, and what grows pages instead, with nothing out of reach.
 */

const da = translator('da');
const TENANT = 'tenant';
const serviceUrl = 'https://smba.trafficmanager.net/emea/a1b2c3d4-0000-4000-8000-000000000000/';
const personalChat = (user: TeamsUser) => ({
  serviceUrl,
  channelId: 'msteams',
  bot: { id: '28:00000000-0000-4000-8000-00000000b07', name: 'Udviklingssamtale' },
  user: { id: user.id, name: '' },
  conversation: { id: `a:${'1'.repeat(120)}`, conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' }
});
const meetingChat = { ...personalChat({ id: '29:x', aadObjectId: '', name: '' }), conversation: { id: `19:meeting_${'m'.repeat(60)}@thread.v2`, conversationType: 'groupChat', tenantId: TENANT, isGroup: true, name: '' } };

const asUser = (p: { id: string; name: string }): TeamsUser => ({ id: `29:1${p.id.replace(/-/g, '')}${'x'.repeat(40)}`, aadObjectId: p.id, name: p.name });

/** What was measured over the budget: empty when everything fits. */
class Budget {
  private readonly over: string[] = [];
  count = 0;
  measure(what: string, activity: unknown): void {
    this.count++;
    const bytes = utf16Bytes(activity);
    if (bytes > ACTIVITY_BUDGET_BYTES) this.over.push(`${what}: ${Math.round(bytes / 1024)} KB`);
  }
  card(what: string, card: unknown, user: TeamsUser): void {
    this.measure(what, outgoingActivity(personalChat(user), card as never));
  }
  get exceeded(): string[] {
    return this.over;
  }
}

type Bot = ReturnType<typeof inProcessBot>;

/** Presses a card's button as Teams would: its data with the card's inputs, and what the person typed. */
async function press(bot: Bot, budget: Budget, user: TeamsUser, card: any, verb: string, typed: Record<string, string> = {}, inGroupChat = true, pick = (_a: any) => true) {
  const action = actionsOf(card).find((a) => a.verb === verb && pick(a));
  if (!action) throw new Error(`no ${verb} on the card`);
  const data = action.associatedInputs === 'none' ? action.data : { ...inputsOf(card), ...action.data, ...typed };
  const answer = await bot.execute(user, verb, data, inGroupChat);
  budget.measure(`${verb} answer`, answer.activity as Activity);
  return answer.card;
}

/** Every page of a card's list, turned by its "next page" button: what the person can reach. */
async function everyPage(bot: Bot, budget: Budget, user: TeamsUser, first: any, verb: string, inGroupChat = true): Promise<any[]> {
  const pages = [first];
  const next = (a: any) => a.title === da.t('paging.next') && a.isEnabled !== false;
  while (actionsOf(pages[pages.length - 1]).some((a) => a.verb === verb && next(a))) {
    pages.push(await press(bot, budget, user, pages[pages.length - 1], verb, {}, inGroupChat, next));
    if (pages.length > 200) throw new Error('the pages do not end');
  }
  return pages;
}

/** The opening words of an agreement, as a card shows them: unique per agreement here. */
const headOf = (what: string) => what.slice(0, what.indexOf(':') + 1);

describe('every activity of the largest conversations stays within Teams\' 80 KB', () => {
  it('a GRUS of 59 members replacing their MUS, every text at its longest, an individual agreement for each: create, pick, reveal, each question, agreements, review, finish, copies', async () => {
    const budget = new Budget();
    const bot = inProcessBot();
    const members = largestMembers(59);
    const leader = asUser(largestLeader);
    const users = new Map([largestLeader, ...members].map((p) => [p.id, asUser(p)]));

    // The create card in a meeting chat of 250, every name at its longest: the people picker when the list does not fit.
    const chat = Array.from({ length: 250 }, (_, i) => ({ id: `aad-${i}`, name: maxText(limits.name, `Kollega ${i}`).replace(/\n/g, ' ') }));
    const offers = albertslund().kinds.map((kind) => ({ concept: albertslund(), kind }));
    for (const members of [chat, chat.slice(0, 59)]) {
      const card = createCard(da, { members, offers, chosen: offers.find((o) => o.kind === 'GRUS'), today: '2026-11-25', homeKind: 'group' }, { showQuestions: true });
      budget.measure(`create card (${members.length} in the chat)`, invokeAnswer(card));
      budget.measure(`create card (${members.length} in the chat) sent`, outgoingActivity(meetingChat as never, card));
    }

    const concept = albertslund();
    const questionTexts = Object.fromEntries(concept.perspectives.flatMap((p) => p.questions).map((q) => [q.id, maxText(limits.question, q.id)]));
    const created = await bot.conversations.create({ kind: 'GRUS', concept, leader: largestLeader, employees: members, replacesMus: true, date: '2026-12-10', format: 'table', questionTexts }, 'origin');
    if (!created.ok) throw new Error(created.error.code);
    const cid = created.value.conversation.id;
    await bot.share(cid, Object.fromEntries([...users].map(([aad, u]) => [aad, u.id])));
    const current = async () => (await bot.conversations.get(cid))!;

    // Everyone's keyword card, and each pick's answer; the shared card everyone in the chat sees.
    const c0 = await current();
    for (const [i, p] of c0.participants.entries()) {
      const user = users.get(p.id)!;
      const card = bot.cards.keywordCardFor(await current(), p.id, da);
      budget.card('keyword card', card, user);
      const picks = Array.from({ length: 3 }, (_, k) => concept.keywords[(i + k) % concept.keywords.length]).join(',');
      await press(bot, budget, user, card, 'keywords.pick', { keywords: picks }, false);
    }
    const viewers = [...users.values()].map((u) => u.id);
    budget.measure('the shared card', outgoingActivity(meetingChat as never, withRefresh(sharedCard(await current(), da), await current(), viewers, da)));
    let card = (await bot.execute(leader, 'card.refresh', { cid }, true)).card;
    budget.measure('the leader\'s view after the reveal', invokeAnswer(card));
    budget.card('a member\'s keyword card after the reveal', bot.cards.keywordCardFor(await current(), members[0].id, da), users.get(members[0].id)!);
    card = await press(bot, budget, leader, card, 'session.start');

    // Each step: a note at its longest and every keyword in play; the agreements, one for each member and one for the group.
    const perspectives = concept.perspectives.map((p) => p.id);
    for (const [at, step] of stepsOf(await current()).entries()) {
      if (step.kind === 'question') {
        const chosen = [...new Set(Object.values((await current()).picks).flat())].join(',');
        card = await press(bot, budget, leader, card, 'session.save', { note: maxText(limits.note, step.questionId), inPlay: chosen });
        card = await press(bot, budget, leader, card, 'session.next');
      } else if (step.kind === 'agreements') {
        const mine = members.filter((_, i) => perspectives[i % perspectives.length] === step.perspectiveId);
        for (const memberId of [...mine.map((m) => m.id), 'group']) {
          card = await press(bot, budget, leader, card, 'agreement.save', {
            memberId,
            what: maxText(limits.agreementWhat, `Aftale for ${memberId}`),
            when: maxText(limits.agreementWhen, 'Inden sommer'),
            responsibleId: memberId === 'group' ? largestLeader.id : memberId,
            followUpDate: '2027-05-15',
            valueFor: concept.valueTargets.map((t) => t.id).join(','),
            value: maxText(limits.agreementValue, 'Værdien')
          });
        }
        const pages = await everyPage(bot, budget, leader, card, 'card.page');
        const shown = pages.map(textOf).join('\n');
        for (const memberId of [...mine.map((m) => m.id), 'group']) expect(shown).toContain(headOf(maxText(limits.agreementWhat, `Aftale for ${memberId}`)));
        card = await press(bot, budget, leader, pages[pages.length - 1], 'session.next');
      } else if (step.kind === 'overview') {
        card = await press(bot, budget, leader, card, 'session.next');
      }
      expect((await current()).step).toBe(Math.min(at + 1, stepsOf(await current()).length - 1));
    }

    // The review: every agreement on one of its pages, each perspective's counts on every page, and finishing at hand.
    const c = await current();
    expect(c.agreements).toHaveLength(62);
    const reviewPages = await everyPage(bot, budget, leader, card, 'card.page');
    expect(reviewPages.length).toBeGreaterThan(1);
    const summaries = planDocument(c).perspectives.map((p) => agreementsSummary(p.agreements, da));
    for (const page of reviewPages) {
      for (const summary of summaries) expect(textOf(page)).toContain(summary);
      expect(actionsOf(page).find((a) => a.verb === 'session.finish')?.isEnabled).toBe(true);
    }
    for (const a of c.agreements) expect(reviewPages.map(textOf).join('\n')).toContain(headOf(a.what));

    const finished = await press(bot, budget, leader, reviewPages[reviewPages.length - 1], 'session.finish');
    const done = await current();
    expect(done.phase).toBe('finished');
    const leaderPages = await everyPage(bot, budget, leader, finished, 'card.page');
    for (const a of done.agreements) expect(leaderPages.map(textOf).join('\n')).toContain(headOf(a.what));
    for (const m of employeesOf(done)) budget.card('a member\'s copy', bot.cards.finishedCardFor(done, m.id, da), users.get(m.id)!);
    budget.card('the leader\'s receipt', bot.cards.finishedCardFor(done, largestLeader.id, da, { message: { kind: 'info', text: da.t('finished.nowFiled') } }), leader);

    // Next year's GRUS opens on this plan: how each agreement went, every outcome at its longest, a page at a time.
    const again = await bot.conversations.create({ kind: 'GRUS', concept, leader: largestLeader, employees: members, replacesMus: true, date: '2027-12-10', format: 'table', questionTexts }, 'origin-next-year');
    if (!again.ok) throw new Error(again.error.code);
    const next = again.value.conversation;
    expect(next.previous?.agreements).toHaveLength(62);
    await bot.share(next.id, Object.fromEntries([...users].map(([aad, u]) => [aad, u.id])));
    await bot.conversations.act(next.id, largestLeader.id, { type: 'start', withoutPicks: true });
    let previous = (await bot.execute(leader, 'card.refresh', { cid: next.id }, true)).card;
    budget.measure('last year\'s plan', invokeAnswer(previous));
    const outcomes = (card: any) => Object.keys(inputsOf(card)).filter((id) => id.startsWith('outcome_'));
    const reached = new Set<string>();
    for (;;) {
      const typed = Object.fromEntries(outcomes(previous).map((id) => [id, maxText(limits.note, id)]));
      outcomes(previous).forEach((id) => reached.add(id));
      previous = await press(bot, budget, leader, previous, 'session.save', typed);
      const turn = actionsOf(previous).find((a) => a.verb === 'card.page' && a.title === da.t('paging.next') && a.isEnabled);
      if (!turn) break;
      previous = await press(bot, budget, leader, previous, 'card.page', {}, true, (a) => a === turn);
    }
    expect(reached.size).toBe(62);
    expect(Object.values((await bot.conversations.get(next.id))!.previous!.outcomes).every((o) => o.length === limits.note)).toBe(true);
    budget.measure('last year\'s plan with every outcome', invokeAnswer((await bot.execute(leader, 'card.page', { cid: next.id, page: 0 }, true)).card));

    expect(budget.exceeded).toEqual([]);
    expect(budget.count).toBeGreaterThan(200);
  });

  it('a MUS with nine notes at their longest and sixty agreements, in plain and in hostile text, and a GRUS in Høje-Taastrup\'s form with its own fields too', async () => {
    const budget = new Budget();
    const runs = [{ concept: albertslund(), kind: 'MUS' as const, members: 1, hostile: false }, { concept: albertslund(), kind: 'MUS' as const, members: 1, hostile: true }, { concept: hoejeTaastrup(), kind: 'GRUS' as const, members: 2, hostile: false }];
    for (const { concept, kind, members, hostile } of runs) {
      const text = (length: number, seed: string) => maxText(length, seed, hostile);
      const bot = inProcessBot();
      const [employee, ...others] = largestMembers(members);
      const leader = asUser(largestLeader);
      const questionTexts = Object.fromEntries(concept.perspectives.flatMap((p) => p.questions).map((q) => [q.id, text(limits.question, q.id)]));
      const created = await bot.conversations.create({ kind, concept, leader: largestLeader, employees: [employee, ...others], date: '2026-12-10', format: 'walk', questionTexts }, `origin-${concept.id}-${hostile}`);
      if (!created.ok) throw new Error(created.error.code);
      const cid = created.value.conversation.id;
      const act = async (who: string, command: Parameters<Bot['conversations']['act']>[2]) => {
        const outcome = await bot.conversations.act(cid, who, command);
        if (outcome.kind !== 'applied') throw new Error(outcome.kind === 'refused' ? outcome.error.code : outcome.kind);
      };
      for (const who of [largestLeader.id, employee.id, ...others.map((o) => o.id)]) await act(who, { type: 'pickKeywords', keywords: concept.keywords.slice(0, concept.picksPerParticipant) });
      await act(largestLeader.id, { type: 'start' });
      let card = (await bot.execute(leader, 'session.goto', { cid, step: 0 })).card;
      for (const [at, step] of stepsOf((await bot.conversations.get(cid))!).entries()) {
        if (step.kind === 'question') await act(largestLeader.id, { type: 'saveStep', atStep: at, move: 'stay', note: { text: text(limits.note, step.questionId), base: '' } });
        if (step.kind === 'agreements') {
          for (let n = 0; n < 60 / concept.perspectives.length; n++) {
            await act(largestLeader.id, {
              type: 'saveAgreement',
              agreement: {
                perspectiveId: step.perspectiveId, what: text(limits.agreementWhat, `Aftale ${step.perspectiveId} ${n}`), when: text(limits.agreementWhen, 'Snart'), responsibleId: employee.id, followUpDate: '2027-05-15',
                value: text(limits.agreementValue, 'Værdi'), valueFor: concept.valueTargets.map((t) => t.id), extra: Object.fromEntries(concept.agreementForm.extra.map((f) => [f.id, text(limits.agreementExtra, f.id)]))
              }
            });
          }
        }
        card = (await bot.execute(leader, 'session.goto', { cid, step: at })).card;
        budget.measure(`${kind} step ${at}`, invokeAnswer(card));
        if (step.kind === 'agreements' || step.kind === 'review') {
          const pages = await everyPage(bot, budget, leader, card, 'card.page', false);
          expect(pages.length).toBeGreaterThan(1);
        }
      }
      const finished = (await bot.execute(leader, 'session.finish', { cid })).card;
      budget.measure(`${kind} finished`, invokeAnswer(finished));
      const pages = await everyPage(bot, budget, leader, finished, 'card.page', false);
      const c = (await bot.conversations.get(cid))!;
      for (const a of c.agreements) expect(pages.map(textOf).join('\n')).toContain(headOf(a.what));
      budget.card('the employee\'s copy', bot.cards.finishedCardFor(c, employee.id, da), asUser(employee));
      budget.card('a reminder', reminderCard({ conversation: c, agreementId: c.agreements[0].id }, da, { viewerId: employee.id, today: '2027-05-10', planUrl: () => `https://app.example/plan?${'s'.repeat(300)}` }), asUser(employee));
    }
    expect(budget.exceeded).toEqual([]);
  });

  it('the follow-up list, the yearly overview and "mine samtaler" of a leader with 200 people, each page reachable', async () => {
    const budget = new Budget();
    const bot = inProcessBot();
    const leader = asUser(largestLeader);
    const people = largestMembers(200);
    const concept = albertslund();
    for (const [i, person] of people.entries()) {
      const created = await bot.conversations.create({ kind: 'MUS', concept, leader: largestLeader, employees: [person], date: '2026-12-10', format: 'table', questionTexts: {} }, `origin-${i}`);
      if (!created.ok) throw new Error(created.error.code);
      const cid = created.value.conversation.id;
      if (i % 4 === 0) continue; // a quarter still open
      for (const who of [largestLeader.id, person.id]) await bot.conversations.act(cid, who, { type: 'pickKeywords', keywords: concept.keywords.slice(0, 3) });
      await bot.conversations.act(cid, largestLeader.id, { type: 'start' });
      for (let n = 0; n < 2; n++) {
        await bot.conversations.act(cid, largestLeader.id, {
          type: 'saveAgreement',
          agreement: { perspectiveId: 'opgaver', what: maxText(limits.agreementWhat, `Aftale ${i}-${n}`), when: maxText(limits.agreementWhen, 'Snart'), responsibleId: person.id, followUpDate: '2027-05-15', value: maxText(limits.agreementValue, 'Værdi'), valueFor: concept.valueTargets.map((t) => t.id) }
        });
      }
      await bot.conversations.act(cid, largestLeader.id, { type: 'finish' });
    }

    const [list] = await bot.say(leader, 'opfølgning');
    budget.measure('the follow-up list', list);
    const listPages = await everyPage(bot, budget, leader, list.attachments![0].content, 'followup.list', false);
    expect(listPages.length).toBeGreaterThan(1);
    expect(listPages.flatMap((p) => actionsOf(p).filter((a) => a.verb === 'followup.done'))).toHaveLength(100);
    // Following up from a later page answers on that page.
    const answered = await press(bot, budget, leader, listPages[1], 'followup.done', {}, false);
    expect(textOf(answered)).toContain(da.t('followUp.markedDone'));

    const [yearly] = await bot.say(leader, 'oversigt');
    budget.measure('the yearly overview', yearly);
    const yearlyPages = await everyPage(bot, budget, leader, yearly.attachments![0].content, 'yearly.page', false);
    expect(yearlyPages.length).toBeGreaterThan(1);
    for (const p of people) expect(yearlyPages.map(textOf).join('\n')).toContain(p.name.slice(0, 20));
    for (const page of yearlyPages) expect(textOf(page)).toContain(da.t('yearly.people', { count: 200 }));

    const [open] = await bot.say(leader, 'mine samtaler');
    budget.measure('mine samtaler', open);
    const openPages = await everyPage(bot, budget, leader, open.attachments![0].content, 'conversations.page', false);
    expect(openPages.flatMap((p) => actionsOf(p).filter((a) => a.verb === 'conversation.show'))).toHaveLength(50);

    expect(budget.exceeded).toEqual([]);
  });

  it('the HR overview of an organisation of 500 units with long names, at every page', () => {
    const budget = new Budget();
    const figures = { ...emptyFigures(), employees: 123456, covered: 98765, planned: 1234, overdue: 4321, never: 999, dueSoon: 555, leaders: 4321, leadersCovered: 4000, filed: 98765, agreementsDue: 200000, agreementsOnTime: 150000, byKind: { MUS: 80000, GRUS: 15000, LUS: 3765 } };
    const unit = (i: number): UnitSummary => ({ id: `dep:${maxText(200, `Afdeling ${i}`)}`, name: maxText(200, `Afdeling ${i}`), kind: 'department', figures, hasUnits: true });
    const units = Array.from({ length: 500 }, (_, i) => unit(i));
    const view: UnitView = {
      unit: units[0], path: Array.from({ length: 8 }, (_, i) => ({ id: `dep:${i}`, name: maxText(200, `Over ${i}`) })), units,
      period: { from: '2025-11-26', to: '2026-11-25' }, exportUrl: `https://app.example/hr/udviklingssamtaler.csv?${'s'.repeat(400)}`
    };
    for (let page = 0; page * 15 < units.length; page++) budget.measure(`HR page ${page}`, invokeAnswer(hrOverviewCard(view, page, da, 30)));
    expect(budget.exceeded).toEqual([]);
  });
});
