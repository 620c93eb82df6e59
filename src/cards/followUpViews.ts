import type { OpenAgreements, OverviewRow, YearlyOverview } from '../app/followUps';
import { employeesOf, type DevelopmentConversation } from '../domain/conversation';
import { mayFollowUp } from '../domain/followUp';
import { planDocument } from '../domain/plan';
import type { YearlyStatus } from '../domain/yearly';
import type { Translator } from '../i18n/catalog';
import { renderPaged } from './paging';
import { renderCard, type AdaptiveCardJson, type CardMessage } from './render';
import { utf16Bytes } from './budget';
import { ALL_EMPLOYEES, inputNames, searchDatasets, type Draft } from './inputs';
import { agreementFacts } from './views';

/** One agreement of a finished plan, in the conversation it came from. */
export type AgreementRef = OpenAgreements['refs'][number];

interface FollowUpView {
  viewerId: string;
  today: string;
  /** The viewer's signed link to the plan, per conversation. */
  planUrl: (c: DevelopmentConversation) => string;
  message?: CardMessage;
  /** The answer to what was done to one agreement, shown beside it: on a long list the top is far away. */
  answer?: { cid: string; agreementId: string; message: CardMessage };
  draft?: Draft;
  /** The page of the list the viewer is on. */
  page?: number;
}

/** The most the employee filter's choices may take of the card; a longer list is searched instead. */
const FILTER_BYTES = 12 * 1024;

/** What each listed agreement adds to the card around its data: its elements, inputs and buttons. */
const ITEM_OVERHEAD = 2400;

function items(refs: AgreementRef[], tr: Translator, view: FollowUpView) {
  return refs.flatMap(({ conversation: c, agreementId }) => {
    const agreement = planDocument(c, undefined, tr.locale).perspectives.flatMap((p) => p.agreements).find((a) => a.id === agreementId);
    if (!agreement) return [];
    const inputs = inputNames.followUp(c.id, agreementId);
    const employees = tr.list(employeesOf(c).map((p) => p.name));
    const conversationFact = {
      title: tr.t('followUp.conversationLabel'),
      value: tr.t('followUp.conversation', { kind: c.kind, employee: employees, date: tr.date(c.date) })
    };
    const overdue = !agreement.followedUp && agreement.followUpDate && agreement.followUpDate < view.today;
    return [{
      cid: c.id,
      agreementId,
      followUpDate: agreement.followUpDate ?? '',
      what: agreement.what,
      facts: [...agreementFacts(agreement, tr).facts, conversationFact],
      overdue: overdue ? tr.t('followUp.overdue', { date: tr.date(agreement.followUpDate!) }) : '',
      canAct: !agreement.followedUp && mayFollowUp(c, agreement, view.viewerId).ok,
      noteId: inputs.note,
      toId: inputs.to,
      note: view.draft?.[inputs.note] ?? '',
      to: view.draft?.[inputs.to] ?? '',
      planUrl: view.planUrl(c),
      answer: view.answer?.cid === c.id && view.answer.agreementId === agreementId ? view.answer.message : { kind: 'none', text: '' }
    }];
  });
}

/** The card a reminder brings: the agreement, its conversation, and follow up / postpone / open the plan. */
export function reminderCard(ref: AgreementRef, tr: Translator, view: FollowUpView): AdaptiveCardJson {
  const agreement = ref.conversation.agreements.find((a) => a.id === ref.agreementId);
  const date = agreement?.followUpDate ?? '';
  const intro = !agreement || agreement.followedUp ? '' : date > view.today ? tr.t('followUp.before', { date: tr.date(date) }) : tr.t('followUp.due');
  const shown = items([ref], tr, view);
  return renderCard('followups', { eyebrow: tr.t('followUp.reminderEyebrow'), title: tr.t('followUp.reminderTitle') }, {
    t: tr.catalog,
    view: 'reminder',
    filter: '',
    searchDataset: '',
    page: 0,
    pager: [],
    showFilter: false,
    intro,
    items: shown
  }, view.message ?? (shown.length ? undefined : view.answer?.message));
}

/** A person's open agreements across their conversations, filterable by employee. */
export function followUpListCard(list: OpenAgreements, tr: Translator, view: FollowUpView): AdaptiveCardJson {
  const intro = list.total === 0
    ? tr.t('followUp.listEmpty')
    : [tr.t(list.total === 1 ? 'followUp.listIntroOne' : 'followUp.listIntro', { count: list.total }), list.total > list.refs.length ? tr.t('followUp.listMore', { shown: list.refs.length }) : ''].filter(Boolean).join(' ');
  // An agreement no longer listed (it was just followed up) has its answer at the top instead.
  const beside = view.answer && list.refs.some((r) => r.conversation.id === view.answer!.cid && r.agreementId === view.answer!.agreementId);
  // "All" is no employee id, so it filters nothing.
  const filter = list.filter || ALL_EMPLOYEES;
  const searched = utf16Bytes(list.employees) > FILTER_BYTES;
  const paged = { items: items(list.refs, tr, view), page: view.page ?? 0, overhead: ITEM_OVERHEAD, turn: { verb: 'followup.list', data: { employeeId: filter } } };
  return renderPaged('followups', { title: tr.t('followUp.listTitle') }, paged, (page, pager) => ({
    t: tr.catalog,
    view: 'list',
    filter,
    page: page.page,
    showFilter: list.employees.length > 1,
    // Too many people to carry in the card: the choice asks the bot as the leader types, and holds only "all" and the one chosen.
    searchDataset: searched ? searchDatasets.employees : '',
    employees: [{ id: ALL_EMPLOYEES, name: tr.t('followUp.filterAll') }, ...(searched ? list.employees.filter((e) => e.id === list.filter) : list.employees)],
    intro,
    items: page.items,
    pager
  }), tr, view.message ?? (beside ? undefined : view.answer?.message));
}

const statusColour: Record<YearlyStatus, string> = { overdue: 'Attention', never: 'Attention', dueSoon: 'Warning', planned: 'Good', ok: 'Default' };

/** The leader's people and where each stands with the yearly conversation; with the leader's own picture for their LUS where it is on. */
export function yearlyCard(rows: OverviewRow[], fromDirectory: boolean, tr: Translator, picture?: YearlyOverview['picture'], wanted = 0): AdaptiveCardJson {
  const trend = picture?.trend;
  const shown = rows.map((r) => ({
    name: r.person.name,
    status: tr.t(`yearly.${r.status}`, { due: r.due ? tr.date(r.due) : '', date: r.planned ? tr.date(r.planned) : '' }),
    colour: statusColour[r.status],
    last: r.last ? tr.t('yearly.last', { date: tr.date(r.last) }) : '',
    handover: r.handOverTo ? tr.t('yearly.handOver', { name: r.handOverTo.name, employee: r.person.name }) : ''
  }));
  const paged = { items: shown, page: wanted, overhead: ROW_OVERHEAD, turn: { verb: 'yearly.page', data: {} } };
  return renderPaged('people', { title: tr.t('yearly.title') }, paged, (page, pager) => ({
    trends: picture
      ? {
        title: trend ? tr.t('yearly.trendsTitle', { year: trend.year }) : '',
        intro: trend ? tr.t('yearly.trendsIntro', { contributors: trend.contributors }) : tr.t('yearly.trendsTooFew'),
        keywords: (trend?.keywords ?? []).slice(0, 15).map((k) => tr.t('yearly.trendsKeyword', k)).join(' · ')
      }
      : { title: '', intro: '', keywords: '' },
    intro: rows.length ? tr.t('yearly.intro') : tr.t('yearly.empty'),
    source: rows.length ? tr.t(fromDirectory ? 'yearly.fromDirectory' : 'yearly.fromConversations') : '',
    summary: yearlySummary(rows, tr),
    rows: page.items,
    pager
  }), tr);
}

/** What each person's row adds to the card around its data. */
const ROW_OVERHEAD = 500;

/** How many stand where, above the list whichever page is open ("200 medarbejdere: 12 forfaldne, …"). */
function yearlySummary(rows: OverviewRow[], tr: Translator): string {
  if (rows.length === 0) return '';
  const counts = (Object.keys(statusColour) as YearlyStatus[])
    .map((status) => ({ status, count: rows.filter((r) => r.status === status).length }))
    .filter((s) => s.count > 0)
    .map((s) => tr.t(`yearly.count.${s.status}`, { count: s.count }));
  return `${tr.t('yearly.people', { count: rows.length })}: ${tr.list(counts)}.`;
}
