import { conceptText, suggestedWording, type Concept } from '../domain/concept';
import { kinds, type ConversationKind } from '../domain/kinds';
import { meetingMinutes } from '../domain/meeting';
import {
  chosenKeywords,
  currentStep,
  employeesOf,
  hasEveryonePicked,
  leaderOf,
  notPicked,
  participant,
  perspectiveOf,
  type Participant,
  stepsOf,
  type Agreement,
  type DevelopmentConversation,
  type Person
} from '../domain/conversation';
import { missingFields, planDocument, planProblems, type PlannedAgreement } from '../domain/plan';
import { textFingerprint } from '../domain/text';
import type { Translator } from '../i18n/catalog';
import { followUpStatus } from '../i18n/followUpStatus';
import { inputNames, offerValue, WHOLE_GROUP, type Draft } from './inputs';
import { CARD_BUDGET_BYTES, utf16Bytes } from './budget';
import { renderPaged, type PageTurn } from './paging';
import { renderCard, type AdaptiveCardJson, type CardHeader, type CardMessage } from './render';

export interface ViewOptions {
  message?: CardMessage;
  draft?: Draft;
  /** The agreement the viewer is editing (agreements step only). */
  editingId?: string;
  /** Where the concept's picture tiles are served; without it, cards show none. */
  pictureUrl?: PictureUrl;
  /** The questions to reword are shown open (the leader just asked for the suggested wording). */
  showQuestions?: boolean;
  /** The card is a person's own view of the shared card in the meeting chat (a keyword card there leads back to the conversation's card). */
  inSharedChat?: boolean;
  /** The finished plan waits in the filing outbox: the leader may stop the automatic attempts. */
  waiting?: boolean;
  /** The page of the card's list of agreements the viewer is on (a long list is paged to stay within Teams' size limit). */
  page?: number;
  /** What will be added to the card after it is rendered (the refresh of a shared card's view), in bytes: its list leaves room for it. */
  reserved?: number;
}

export type PictureUrl = (conceptId: string, file: string) => string;

/** The concept's picture tiles as the cards show them, each with its description. */
function picturesOf(c: DevelopmentConversation, options: ViewOptions, tr: Translator) {
  const url = options.pictureUrl;
  const say = conceptText(c.concept, tr.locale);
  return url ? c.concept.pictures.map((p) => ({ url: url(c.concept.id, p.file), alt: say(p.alt) })) : [];
}

function header(c: DevelopmentConversation, tr: Translator): CardHeader {
  const employees = employeesOf(c).map((p) => p.name);
  return {
    eyebrow: tr.t(`kind.${c.kind}`),
    title: tr.t('preparation.title', { kind: c.kind, employee: tr.list(employees), count: employees.length }),
    subtitle: tr.t('preparation.subtitle', { date: tr.date(c.date), format: tr.t(`format.${c.format}`) })
  };
}

function perspectiveHeading(c: DevelopmentConversation, perspectiveId: string, tr: Translator): string {
  const perspective = perspectiveOf(c, perspectiveId);
  const say = conceptText(c.concept, tr.locale);
  return perspective.colourName
    ? `${say(perspective.name)} ${tr.t('session.colourWord', { colour: say(perspective.colourName) })}`
    : say(perspective.name);
}

/** How the concept wants this kind held: its length, and what every question is related to (LUS). */
function guideOf(concept: Concept, kind: ConversationKind, tr: Translator): { length: string; focus: string } {
  const guide = concept.guides[kind];
  const say = conceptText(concept, tr.locale);
  return {
    length: guide?.minutes ? tr.t('guide.length', { duration: tr.duration(guide.minutes) }) : '',
    focus: guide?.focus.length ? `${say(guide.focusIntro ?? '')} ${tr.list(guide.focus.map(say))}.` : ''
  };
}

const roleOf = (p: Participant, tr: Translator) => `${p.name} (${tr.t(`role.${p.role}`)})`;

/**
 * The questions as editable inputs, for the leader to give them the workplace's wording: each as
 * the conversation words it (the record's own language), with the concept's suggestion for the kind
 * beside it where it words it otherwise.
 */
function questionInputs(concept: Concept, kind: ConversationKind, draft: Draft, tr: Translator) {
  const say = conceptText(concept, tr.locale);
  const suggested = suggestedWording(concept, kind);
  const questions = concept.perspectives.flatMap((p) =>
    p.questions.map((q, i) => {
      const text = draft[inputNames.question(q.id)] ?? q.text;
      const suggestion = suggested[q.id] && suggested[q.id] !== text ? tr.t('rephrase.suggestion', { text: suggested[q.id] }) : '';
      return { inputId: inputNames.question(q.id), label: `${say(p.name)} ${i + 1}`, text, suggestion };
    })
  );
  return { questions, suggests: questions.some((q) => q.suggestion !== ''), suggestIntro: tr.t('rephrase.intro') };
}

/** A conversation a leader may create: a kind that one of their municipality's concepts offers. */
export interface Offer {
  concept: Concept;
  kind: ConversationKind;
}

export interface CreateCardInput {
  members: Person[];
  /** Every conversation the leader may create, their own concept's first. */
  offers: Offer[];
  /**
   * The one chosen. Without it the card asks which first: a card cannot show or hide its parts by
   * an input's value, so the form is rendered for the choice.
   */
  chosen?: Offer;
  today: string;
  homeKind: 'personal' | 'group';
  /** The card offers to book it as a Teams meeting (GRAPH_BOOK_MEETINGS). */
  booking?: boolean;
}

export function createCard(tr: Translator, input: CreateCardInput, options: ViewOptions = {}): AdaptiveCardJson {
  const draft = options.draft ?? {};
  const header = { eyebrow: tr.t('app.name'), title: tr.t('create.title') };
  const conceptTitle = (concept: Concept) => {
    const say = conceptText(concept, tr.locale);
    return `${say(concept.municipality)}: ${say(concept.name)}`;
  };
  // Named with the concept only where the leader's municipality has more than one.
  const several = new Set(input.offers.map((o) => o.concept.id)).size > 1;
  const offers = input.offers.map((o) => ({
    value: offerValue(o.concept.id, o.kind),
    title: several ? `${tr.t(`kind.${o.kind}`)} (${conceptTitle(o.concept)})` : tr.t(`kind.${o.kind}`)
  }));
  if (!input.chosen) {
    return renderCard('create-kind', header, { t: tr.catalog, homeKind: input.homeKind, offers, chosen: draft.offer ?? '' }, options.message);
  }
  const { concept, kind } = input.chosen;
  const ktr = tr.forKind(kind);
  const guide = guideOf(concept, kind, ktr);
  const card = (members: Person[]) => renderCard('create', header, {
    t: ktr.catalog,
    members,
    today: input.today,
    homeKind: input.homeKind,
    kind,
    kindTitle: tr.t(`kind.${kind}`),
    concept: concept.id,
    conceptTitle: conceptTitle(concept),
    guide: [guide.length, guide.focus].filter(Boolean).join(' '),
    offer: offerValue(concept.id, kind),
    canChange: input.offers.length > 1,
    group: kinds[kind].members.max > 1,
    mayReplaceMus: kinds[kind].mayReplaceMus,
    form: { employeeId: draft.employeeId ?? '', replacesMus: draft.replacesMus ?? 'false', date: draft.date ?? '', format: draft.format ?? 'table', book: draft.book ?? 'true', time: draft.time ?? '' },
    booking: input.booking ?? false,
    timeHint: ktr.t('create.timeHint', { duration: ktr.duration(meetingMinutes(concept, kind)) }),
    formats: (['table', 'walk'] as const).map((value) => ({ value, title: tr.t(`format.${value}`) })),
    ...questionInputs(concept, kind, draft, ktr),
    showQuestions: options.showQuestions ?? false,
    questionsOf: concept.id
  }, options.message);
  // A chat too large to list within Teams' size limit: the people picker searches the organisation instead.
  const withMembers = card(input.members);
  return input.members.length && utf16Bytes(withMembers) > CARD_BUDGET_BYTES ? card([]) : withMembers;
}

/**
 * A participant's own keyword card: their picks only, everyone's once all have picked. Once the
 * conversation has started it says the picks are settled and shows everyone's as they were.
 */
export function keywordCard(c: DevelopmentConversation, viewerId: string, tr: Translator, options: ViewOptions = {}): AdaptiveCardJson {
  tr = tr.forKind(c.kind);
  const picks = c.picks[viewerId] ?? [];
  const others = c.participants.filter((p) => p.id !== viewerId).map((p) => p.name);
  const count = c.concept.picksPerParticipant;
  const locked = c.phase !== 'preparing';
  const revealed = locked || hasEveryonePicked(c);
  const guide = guideOf(c.concept, c.kind, tr);
  const say = conceptText(c.concept, tr.locale);
  const when = tr.t('keywords.when', { with: tr.list(others), date: tr.date(c.date), format: tr.t(`format.${c.format}`) });
  const intro = locked
    ? [when, picks.length ? tr.t('keywords.started', { keywords: tr.list(picks.map(say)) }) : tr.t('keywords.startedNone')]
    : [[when, tr.t('keywords.choose', { count }), tr.t('keywords.changeable'), revealed ? '' : tr.t('keywords.private')].filter(Boolean).join(' '), guide.length, guide.focus];
  return renderCard(
    'keywords',
    { ...header(c, tr), eyebrow: tr.t('keywords.title', { kind: c.kind }) },
    {
      t: tr.catalog,
      cid: c.id,
      intro: intro.filter(Boolean).join('\n\n'),
      locked,
      label: tr.t('keywords.label', { count }),
      keywords: c.concept.keywords.map((k) => ({ value: k, title: say(k) })),
      selected: options.draft?.keywords ?? picks.join(','),
      revealed,
      everyone: c.participants.map((p) => ({ name: p.name, picks: (c.picks[p.id] ?? []).map(say).join(', ') || tr.t('session.noPicks') })),
      perspectives: c.concept.perspectives.map((p) => ({ heading: perspectiveHeading(c, p.id, tr), questions: p.questions.map((q) => ({ text: say(q.text) })) })),
      pictures: picturesOf(c, options, tr),
      backToShared: options.inSharedChat ?? false
    },
    options.message
  );
}

/**
 * The shared card in a meeting chat as everyone in the chat sees it: nothing of the conversation, not
 * even who takes part. Each participant's Teams shows them their own view instead (`withRefresh`).
 */
export function sharedCard(c: DevelopmentConversation, tr: Translator, message?: CardMessage): AdaptiveCardJson {
  return renderCard('shared', { eyebrow: tr.t('app.name'), title: tr.t(`kind.${c.kind}`) }, { t: tr.catalog, cid: c.id, text: tr.t('shared.text') }, message);
}

/**
 * A card that Teams refreshes for each of `viewers` (their Teams user ids, at most 60) into their own
 * view, by asking the bot: when the message is updated and when they open the chat.
 */
export function withRefresh(card: AdaptiveCardJson, c: DevelopmentConversation, viewers: string[], tr: Translator): AdaptiveCardJson {
  return { ...card, refresh: refreshOf(c, viewers, tr) };
}

/** The refresh that makes a card each viewer's own: with sixty Teams ids, part of what the card may take of Teams' size budget. */
export function refreshOf(c: DevelopmentConversation, viewers: string[], tr: Translator) {
  return { action: { type: 'Action.Execute', verb: 'card.refresh', title: tr.t('shared.show'), data: { cid: c.id } }, userIds: viewers };
}

/** Starting before everyone has picked: who has not, and the button that starts anyway. */
export function startConfirmation(c: DevelopmentConversation, tr: Translator): CardMessage {
  const names = notPicked(c).map((p) => p.name);
  return {
    kind: 'warning',
    text: tr.t('preparation.notEveryonePicked', { names: tr.list(names), count: names.length }),
    actions: [{ verb: 'session.start', title: tr.t('preparation.startAnyway'), data: { cid: c.id, withoutPicks: true } }]
  };
}

/** Creating a conversation that is already open with the same people: open that one, or create another anyway. */
export function openConversationWarning(c: DevelopmentConversation, tr: Translator, createAnyway: Record<string, unknown>): CardMessage {
  const employees = employeesOf(c).map((p) => p.name);
  return {
    kind: 'warning',
    text: tr.forKind(c.kind).t('create.alreadyOpen', { kind: c.kind, employee: tr.list(employees), count: employees.length, date: tr.date(c.date) }),
    actions: [
      { verb: 'conversation.show', title: tr.t('create.showOpen'), data: { cid: c.id }, style: 'positive' },
      { verb: 'mus.create', title: tr.t('create.despiteOpen'), data: { ...createAnyway, despiteOpen: true } }
    ]
  };
}

/** What saving an agreement did, in one message: saved, and if it is not finished, what it still needs. */
export function agreementSaved(a: Agreement, tr: Translator, named: boolean): CardMessage {
  const missing = missingFields(a);
  const key = `agreement.saved${named ? 'Named' : ''}${missing.length ? 'Incomplete' : ''}`;
  const fields = tr.list(missing.map((m) => tr.t(`agreement.field.${m}`)));
  return { kind: missing.length ? 'warning' : 'info', text: tr.t(key, { what: a.what, fields }) };
}

/**
 * The shared card in the meeting chat before the conversation, as one participant sees it: who has
 * picked; for the leader also the questions to reword and the start.
 */
export function preparationCard(c: DevelopmentConversation, viewerId: string, unreached: string[], tr: Translator, options: ViewOptions = {}): AdaptiveCardJson {
  tr = tr.forKind(c.kind);
  const revealed = hasEveryonePicked(c);
  const say = conceptText(c.concept, tr.locale);
  return renderCard(
    'preparation',
    header(c, tr),
    {
      t: tr.catalog,
      cid: c.id,
      isLeader: viewerId === leaderOf(c).id,
      intro: tr.t('preparation.intro', { count: c.concept.picksPerParticipant }),
      participants: c.participants.map((p) => {
        const picks = c.picks[p.id] ?? [];
        const status = picks.length === 0 ? tr.t('preparation.waiting') : revealed ? picks.map(say).join(', ') : tr.t('preparation.picked');
        return { name: roleOf(p, tr), status };
      }),
      guide: Object.values(guideOf(c.concept, c.kind, tr)).filter(Boolean).join(' '),
      // The leader's nudge, while anyone else has still to pick.
      waiting: notPicked(c).some((p) => p.role !== 'leader'),
      meeting: c.meeting ? tr.t('preparation.meeting', { time: c.meeting.time, duration: tr.duration(c.meeting.minutes) }) : '',
      move: { date: options.draft?.[inputNames.meetingDate] ?? c.date, time: options.draft?.[inputNames.meetingTime] ?? c.meeting?.time ?? '' },
      // A refused move shows its form again, with what was typed.
      showMove: options.draft?.[inputNames.meetingDate] !== undefined,
      // A refused cancellation shows its form again, with the message typed.
      cancelMessage: options.draft?.[inputNames.cancelMessage] ?? '',
      showCancel: options.draft?.[inputNames.cancelMessage] !== undefined,
      unreached: unreached.length > 0 ? tr.t('preparation.unreached', { names: tr.list(unreached), count: unreached.length }) : '',
      ...questionInputs(c.concept, c.kind, options.draft ?? {}, tr),
      showQuestions: options.showQuestions ?? false
    },
    options.message
  );
}

export function agreementFacts(a: PlannedAgreement, tr: Translator, showOpen = false) {
  const facts = [
    ...a.extraFields.map((f) => ({ title: f.label, value: f.value })),
    { title: tr.t('agreement.memberLabel'), value: a.forGroup ? tr.t('agreement.wholeGroup') : (a.memberName ?? '') },
    { title: tr.t('agreement.whenLabel'), value: a.when },
    { title: tr.t('agreement.responsibleLabel'), value: a.responsibleName ?? '' },
    { title: tr.t('agreement.followUpLabel'), value: a.followUpDate ? tr.date(a.followUpDate) : '' },
    { title: tr.t('agreement.valueLabel'), value: [a.valueForLabels.join(', '), a.value ?? ''].filter(Boolean).join(': ') },
    { title: tr.t('followUp.statusLabel'), value: followUpStatus(a, tr, showOpen) }
  ];
  const shown = facts.filter((f) => f.value !== '');
  return {
    id: a.id,
    what: a.what,
    facts: shown,
    summary: shown.map((f) => f.value).join(' · '),
    missingText: a.missing.length
      ? tr.t('agreement.missing', { fields: tr.list(a.missing.map((m) => tr.t(`agreement.field.${m}`))) })
      : ''
  };
}

/**
 * What a list of agreements holds, shown above it whichever page is open: how many, and how many
 * still miss each thing a finished plan needs ("3 aftaler mangler ansvarlig").
 */
export function agreementsSummary(agreements: PlannedAgreement[], tr: Translator): string {
  if (agreements.length === 0) return '';
  const fields = ['when', 'responsible', 'followUpDate'] as const;
  const missing = fields
    .map((field) => ({ field, count: agreements.filter((a) => a.missing.includes(field)).length }))
    .filter((m) => m.count > 0)
    .map((m) => tr.t('agreement.missingCount', { count: m.count, field: tr.t(`agreement.field.${m.field}`) }));
  const count = tr.t('agreement.count', { count: agreements.length });
  return missing.length ? `${count}: ${tr.list(missing)}.` : `${count}.`;
}

/** What each listed agreement adds to a card around its data: its elements and, where it has them, its buttons. */
const ITEM_OVERHEAD = { agreements: 1200, review: 400, finished: 400, conversations: 800, previous: 1000 } as const;

/** What a card sends back of a text it showed, to tell whether it changed since: nothing for none. */
const fingerprintOf = (text: string) => (text ? textFingerprint(text) : '');

/** An agreement as a list shows it, as facts or (on a walk's compact card) one line: only what is shown is counted towards the page. */
const listed = (a: ReturnType<typeof agreementFacts>, compact = false) => (compact ? { ...a, facts: [] } : { ...a, summary: '' });

/** Where the walk is, as its card's eyebrow says: "Spørgsmål 3 af 9", "Aftaler for Adfærd". */
function stepTitle(c: DevelopmentConversation, tr: Translator): string {
  const step = currentStep(c);
  switch (step.kind) {
    case 'previous':
      return tr.t('previous.title');
    case 'overview':
      return tr.t('session.overviewTitle');
    case 'question': {
      const questions = stepsOf(c).filter((s) => s.kind === 'question');
      return tr.t('session.progressQuestion', { n: questions.findIndex((s) => s.kind === 'question' && s.questionId === step.questionId) + 1, total: questions.length });
    }
    case 'agreements':
      return tr.t('session.progressAgreements', { perspective: conceptText(c.concept, tr.locale)(perspectiveOf(c, step.perspectiveId).name) });
    case 'review':
      return tr.t('review.title');
  }
}

/** The open conversations a person takes part in, each with where it stands and a button that posts its card again. */
export function openConversationsCard(open: DevelopmentConversation[], tr: Translator, message?: CardMessage, page = 0): AdaptiveCardJson {
  const items = open.map((c) => {
    const ktr = tr.forKind(c.kind);
    const picked = c.participants.length - notPicked(c).length;
    return {
      cid: c.id,
      title: header(c, ktr).title,
      when: header(c, ktr).subtitle,
      status: c.phase === 'preparing' ? tr.t('conversations.preparing', { picked, total: c.participants.length }) : tr.t('conversations.holding', { step: stepTitle(c, ktr) })
    };
  });
  const list = { items, page, overhead: ITEM_OVERHEAD.conversations, turn: { verb: 'conversations.page', data: {} } };
  return renderPaged('conversations', { title: tr.t('conversations.title') }, list, (shown, pager) => ({
    t: tr.catalog,
    intro: open.length ? tr.t('conversations.intro') : tr.t('conversations.empty'),
    conversations: shown.items,
    pager
  }), tr, message);
}

/** The shared card while the conversation is held: the current step for everyone. */
export function sessionCard(c: DevelopmentConversation, tr: Translator, options: ViewOptions = {}): AdaptiveCardJson {
  tr = tr.forKind(c.kind);
  const step = currentStep(c);
  const steps = stepsOf(c);
  const t = tr.catalog;
  const eyebrow = stepTitle(c, tr);
  // On a walk the card is read on a phone: one question, large; choices folded; agreements as one line each.
  const common = { t, cid: c.id, atStep: c.step, compact: c.format === 'walk' };
  const draft = options.draft ?? {};
  const plan = planDocument(c, undefined, tr.locale);
  const say = conceptText(c.concept, tr.locale);
  const pickersOf = (keyword: string) => c.participants.filter((p) => c.picks[p.id]?.includes(keyword)).map((p) => p.name);

  switch (step.kind) {
    case 'previous': {
      const previous = plan.previous!;
      const items = previous.agreements.map((a) => ({
        ...listed(agreementFacts(a, tr, true)),
        inputId: inputNames.outcome(a.id),
        outcome: draft[inputNames.outcome(a.id)] ?? a.outcome,
        base: fingerprintOf(a.outcome)
      }));
      const list = { items, page: options.page ?? 0, overhead: ITEM_OVERHEAD.previous, turn: pageTurn(c), reserved: options.reserved };
      return renderPaged('previous', { ...header(c, tr), eyebrow }, list, (page, pager) => ({
        ...common,
        intro: tr.t('previous.intro', { kind: previous.kind, date: tr.date(previous.date) }),
        summary: tr.t('agreement.count', { count: previous.agreements.length }),
        agreements: page.items,
        pager,
        // Only the page's outcomes are sent with its buttons: the others are not on the card to change.
        outcomeBase: Object.fromEntries(page.items.map((a) => [a.id, a.base]))
      }), tr, options.message);
    }
    case 'overview':
      return renderCard('overview', { ...header(c, tr), eyebrow }, {
        ...common,
        intro: tr.t('session.overviewIntro', { count: plan.perspectives.length, first: plan.perspectives[0].name }),
        participants: plan.participants.map((p) => ({ name: roleOf(p, tr), picks: p.picks.join(', ') || tr.t('session.noPicks') })),
        pictures: picturesOf(c, options, tr),
        // A group's picks read best by keyword: how many chose each, and who.
        tally: kinds[c.kind].keywordTally
          ? chosenKeywords(c)
              .map((k) => ({ k, pickers: pickersOf(k) }))
              .sort((a, b) => b.pickers.length - a.pickers.length)
              .map(({ k, pickers }) => ({ keyword: `${say(k)} (${pickers.length})`, names: tr.list(pickers) }))
          : []
      }, options.message);
    case 'question': {
      const question = plan.perspectives.flatMap((p) => p.questions).find((q) => q.id === step.questionId);
      const chosen = chosenKeywords(c);
      const inPlay = (c.keywordsInPlay[step.perspectiveId] ?? []).filter((k) => chosen.includes(k));
      return renderCard('question', { ...header(c, tr), eyebrow }, {
        ...common,
        perspective: perspectiveHeading(c, step.perspectiveId, tr),
        question: question?.text ?? '',
        focus: guideOf(c.concept, c.kind, tr).focus,
        note: draft.note ?? question?.note ?? '',
        noteBase: fingerprintOf(question?.note ?? ''),
        // A group's choices say how many chose each (the overview says who): sixty names per keyword would not fit a card.
        keywords: chosen.map((k) => ({ value: k, title: `${say(k)} (${kinds[c.kind].keywordTally ? pickersOf(k).length : pickersOf(k).join(', ')})` })),
        inPlay: draft.inPlay ?? inPlay.join(','),
        inPlayBase: inPlay
      }, options.message);
    }
    case 'agreements': {
      const perspective = plan.perspectives.find((p) => p.id === step.perspectiveId)!;
      const editing = options.editingId ? c.agreements.find((a) => a.id === options.editingId) : undefined;
      const source: Draft = options.draft ?? (editing
        ? { ...Object.fromEntries(Object.entries(editing.extra ?? {}).map(([id, value]) => [inputNames.extraField(id), value])), memberId: editing.memberId, what: editing.what, when: editing.when, responsibleId: editing.responsibleId, followUpDate: editing.followUpDate, value: editing.value, valueFor: editing.valueFor.join(','), agreementId: editing.id }
        : {});
      const isLast = c.step === steps.length - 2;
      const list = { items: perspective.agreements.map((a) => listed(agreementFacts(a, tr), common.compact)), page: options.page ?? 0, overhead: ITEM_OVERHEAD.agreements, turn: pageTurn(c, source.agreementId), reserved: options.reserved };
      return renderPaged('agreements', { ...header(c, tr), eyebrow }, list, (page, pager) => ({
        ...common,
        perspectiveId: step.perspectiveId,
        perspective: perspectiveHeading(c, step.perspectiveId, tr),
        prompt: plan.agreementPrompt,
        summary: agreementsSummary(perspective.agreements, tr),
        agreements: page.items,
        pager,
        participants: c.participants.map((p) => ({ id: p.id, name: p.name })),
        members: kinds[c.kind].memberAgreements ? [{ id: WHOLE_GROUP, name: tr.t('agreement.wholeGroup') }, ...employeesOf(c).map((p) => ({ id: p.id, name: p.name }))] : [],
        valueTargets: c.concept.valueTargets.map((v) => ({ id: v.id, label: say(v.label) })),
        labels: Object.fromEntries((['what', 'when', 'responsible', 'followUp'] as const).map((field) => {
          const own = c.concept.agreementForm.labels[field];
          return [field, own ? say(own) : tr.t(`agreement.${field}`)];
        })),
        extra: c.concept.agreementForm.extra.map((f) => ({
          inputId: inputNames.extraField(f.id),
          label: say(f.label),
          required: f.required,
          value: source[inputNames.extraField(f.id)] ?? ''
        })),
        editingText: source.agreementId ? tr.t('agreement.editing', { what: editing?.what ?? source.what ?? '' }) : '',
        // A new agreement's form is known by the revision it was shown at: sent again, it saves the same agreement.
        newAgreementKey: source.agreementId ? '' : String(c.revision),
        saveTitle: source.agreementId ? tr.t('agreement.update') : tr.t('agreement.add'),
        nextTitle: isLast ? tr.t('session.toReview') : tr.t('session.next'),
        // Sent back from the review to mend an agreement: one click returns there.
        backToReview: (c.reachedReview ?? false) && !isLast,
        form: {
          agreementId: source.agreementId ?? '',
          memberId: source.memberId ?? WHOLE_GROUP,
          what: source.what ?? '',
          when: source.when ?? '',
          responsibleId: source.responsibleId ?? '',
          followUpDate: source.followUpDate ?? '',
          valueFor: source.valueFor ?? '',
          value: source.value ?? ''
        }
      }), tr, options.message);
    }
    case 'review': {
      const problems = planProblems(c);
      const all = plan.perspectives.flatMap((p) => p.agreements.map((a) => ({ perspectiveId: p.id, ...listed(agreementFacts(a, tr)) })));
      const list = { items: all, page: options.page ?? 0, overhead: ITEM_OVERHEAD.review, turn: pageTurn(c), reserved: options.reserved };
      return renderPaged('review', { ...header(c, tr), eyebrow }, list, (page, pager) => ({
        ...common,
        summary: agreementsSummary(plan.perspectives.flatMap((p) => p.agreements), tr),
        pager,
        canFinish: !problems.empty && problems.incomplete.length === 0 && problems.withoutOwnPlan.length === 0,
        problems: [
          problems.empty ? tr.t('review.empty') : problems.incomplete.length ? tr.t('review.problems', { count: problems.incomplete.length }) : '',
          problems.withoutOwnPlan.length ? tr.t('review.withoutOwnPlan', { names: tr.list(problems.withoutOwnPlan.map((id) => participant(c, id)!.name)) }) : ''
        ].filter(Boolean).join('\n\n'),
        perspectives: plan.perspectives.map((p) => ({
          heading: perspectiveHeading(c, p.id, tr),
          step: steps.findIndex((s) => s.kind === 'agreements' && s.perspectiveId === p.id),
          editTitle: tr.t('review.editAgreements', { perspective: p.name }),
          keywords: p.keywords.length ? `${tr.t('review.keywords')}: ${p.keywords.join(', ')}` : '',
          summary: agreementsSummary(p.agreements, tr),
          // On a long plan the perspective's agreements may be on other pages: its summary says what it holds.
          agreements: page.items.filter((a) => a.perspectiveId === p.id),
          elsewhere: p.agreements.length > 0 && !page.items.some((a) => a.perspectiveId === p.id)
        }))
      }), tr, options.message);
    }
  }
}

export interface FinishedView {
  /** The viewer's own signed link; absent on the shared card, which offers "get my copy" instead. */
  downloadUrl?: string;
  message?: CardMessage;
  /** The plan waits in the filing outbox: the leader may stop the automatic attempts. */
  waiting?: boolean;
  /** The page of its agreements the viewer is on. */
  page?: number;
  /** Room left for what is added after rendering (`ViewOptions.reserved`). */
  reserved?: number;
}

/** The buttons that page a conversation's card; the agreement being edited stays in the form. */
const pageTurn = (c: DevelopmentConversation, editingId?: string): PageTurn => ({ verb: 'card.page', data: { cid: c.id, ...(editingId ? { agreementId: editingId } : {}) } });

export function finishedCard(c: DevelopmentConversation, viewerId: string | undefined, tr: Translator, view: FinishedView): AdaptiveCardJson {
  tr = tr.forKind(c.kind);
  // A GRUS member sees what their copy holds: the group's agreements and their own.
  const plan = planDocument(c, viewerId, tr.locale);
  const isLeader = viewerId === leaderOf(c).id;
  const agreements = plan.perspectives.flatMap((p) => p.agreements);
  const list = { items: agreements.map((a) => listed(agreementFacts(a, tr))), page: view.page ?? 0, overhead: ITEM_OVERHEAD.finished, turn: pageTurn(c), reserved: view.reserved };
  return renderPaged('finished', { ...header(c, tr), eyebrow: tr.t('finished.title') }, list, (page, pager) => ({
    t: tr.catalog,
    intro: tr.t('finished.intro', { kind: c.kind, employee: tr.list(employeesOf(c).map((p) => p.name)), count: employeesOf(c).length, date: tr.date(c.date) }),
    filed: isLeader ? (c.filing ? tr.t('finished.filed', { location: c.filing.location, count: c.filing.files ?? 1 }) : tr.t('finished.notFiled')) : '',
    retryFiling: isLeader && !c.filing,
    canCancel: isLeader && !c.filing && (view.waiting ?? false),
    webUrl: isLeader ? (c.filing?.webUrl ?? '') : '',
    cid: c.id,
    summary: agreementsSummary(agreements, tr),
    agreements: page.items,
    pager,
    downloadUrl: view.downloadUrl ?? ''
  }), tr, view.message);
}

/** A conversation the leader called off, wherever one of its cards is: what happened, nothing of what was picked. */
export function cancelledCard(c: DevelopmentConversation, tr: Translator, message?: CardMessage): AdaptiveCardJson {
  tr = tr.forKind(c.kind);
  return noticeCard(tr, tr.t('cancelled.text', { kind: c.kind, date: tr.date(c.date) }), message, tr.t('cancelled.title', { kind: c.kind }));
}

/** A card with just a line of text, for when there is no conversation to show. */
export function noticeCard(tr: Translator, text: string, message?: CardMessage, title = tr.t('app.name')): AdaptiveCardJson {
  return renderCard('notice', { title }, { text }, message);
}
