import { createHash } from 'crypto';
import { z } from 'zod';
import { conversationKinds, kinds, type ConversationKind } from '../domain/kinds';
import type { AgreementInput } from '../domain/operations';
import { limits } from '../domain/text';

/**
 * The contract between the cards and the code that reads them back: the names of the inputs a card
 * carries, the verbs its buttons send with the shape of their data, and the readers of both. Card
 * data is untrusted input: it only says what the person asked for; who they are comes from the
 * activity, never from here.
 */

/** Inputs named by what they hold: the leader's rewording of a question, a concept's own agreement field, how last plan's agreement went. */
export const inputNames = {
  question: (questionId: string) => `q_${questionId}`,
  extraField: (fieldId: string) => `x_${fieldId}`,
  outcome: (agreementId: string) => `outcome_${agreementId}`,
  /** The preparation card's form that moves a booked conversation. */
  meetingDate: 'meetingDate' as const,
  meetingTime: 'meetingTime' as const,
  /** The preparation card's message to the participants when the leader cancels. */
  cancelMessage: 'cancelMessage' as const,
  /** A follow-up card's inputs for one agreement: unique on a card listing many. */
  followUp: (cid: string, agreementId: string) => ({ note: `note_${cid}_${agreementId}`, to: `to_${cid}_${agreementId}` })
};

/** The create card's choice of a conversation: a concept and one of its kinds, as one value ("albertslund:MUS"). */
export const offerValue = (conceptId: string, kind: ConversationKind) => `${conceptId}:${kind}`;
const offer = z
  .string()
  .regex(new RegExp(`^[a-z0-9-]{1,100}:(${conversationKinds.join('|')})$`))
  .transform((value) => {
    const [conceptId, kind] = value.split(':');
    return { conceptId, kind: kind as ConversationKind };
  });

/** The GRUS agreement form's choice for an agreement that is the whole group's (a choice needs a value). */
export const WHOLE_GROUP = 'group';

/** The follow-up list's choice for "every employee" (a choice needs a value). */
export const ALL_EMPLOYEES = 'all';

/** The lists a card's choice searches by asking the bot as the person types (Data.Query): too long to carry in the card. */
export const searchDatasets = { employees: 'followup.employees' } as const;

const teamsId = z.string().min(1).max(200).regex(/^[\w.:@-]+$/);
const cid = z.string().uuid();
const step = z.coerce.number().int().min(0).max(1000);
/** A page of a long list on a card; a card without one shows the first. */
const page = z.coerce.number().int().min(0).max(1000).optional().default(0);
const text = (max: number) => z.string().max(max * 2).optional();
const csv = z
  .string()
  .max(4000)
  .transform((value) => value.split(',').map((v) => v.trim()).filter(Boolean));

/** Following up from a reminder card or the list; `employeeId` keeps the list's filter. */
const followUpAction = z.object({
  cid,
  agreementId: z.string().min(1).max(100),
  view: z.enum(['reminder', 'list']),
  /** The follow-up date the card showed: a postponement sent again is recognised as done. */
  from: z.string().max(40).optional(),
  employeeId: z.string().max(200).optional().default(''),
  /** The list's page the card showed, to answer on. */
  page
});

const agreementForm = z.object({
  cid,
  perspectiveId: z.string().min(1).max(100),
  agreementId: z.string().max(100).optional().default(''),
  /** The form's own key for a new agreement (its revision when rendered): the same form sent again saves the same agreement. */
  newAgreementKey: z.string().max(40).optional().default(''),
  /** GRUS: the member it is for, or the whole group. */
  memberId: z.string().max(200).optional().transform((id) => (id === WHOLE_GROUP ? '' : (id ?? ''))),
  what: text(limits.agreementWhat),
  when: text(limits.agreementWhen),
  responsibleId: z.string().max(200).optional().default(''),
  followUpDate: z.string().max(40).optional().default(''),
  valueFor: csv.optional().default(''),
  value: text(limits.agreementValue)
}).catchall(z.unknown());

/**
 * The card a refused or failed action is answered with: the person's own keyword card, or the
 * conversation's card for its phase.
 */
export type AnsweredOn = 'keywords' | 'home';

interface VerbSpec<S extends z.ZodTypeAny> {
  data: S;
  answeredOn: AnsweredOn;
  /** The verbs the buttons send when several share one handler, with what each asks for. */
  aliases?: Record<string, string>;
}

const verb = <S extends z.ZodTypeAny>(data: S, answeredOn: AnsweredOn = 'home', aliases?: Record<string, string>): VerbSpec<S> => ({ data, answeredOn, aliases });

/** Every verb a card sends, with the shape of its data. */
export const verbs = {
  /** The create card's first question, which conversation (`offer`); without one, the question itself, at the `current` choice. */
  'create.choose': verb(z.object({ offer: offer.optional(), current: z.string().max(120).optional(), suggest: z.boolean().optional().default(false) }).catchall(z.unknown())),
  'mus.create': verb(
    z
      .object({
        /** The concept chosen on the card; without one, the tenant's. */
        concept: z.string().max(100).regex(/^[a-z0-9-]+$/).optional(),
        /** Cards sent before LUS and GRUS existed carry no kind: they created a MUS. */
        kind: z.enum(conversationKinds).default('MUS'),
        /** One person, or a group's members: a multi-select sends them comma-separated. */
        employeeId: csv.pipe(z.array(teamsId).min(1).max(Math.max(...conversationKinds.map((k) => kinds[k].members.max)))),
        replacesMus: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
        date: z.string().max(40),
        format: z.enum(['table', 'walk']),
        /** Book it as a Teams meeting (GRAPH_BOOK_MEETINGS), at `time` local (HH:MM). */
        book: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
        time: z.string().max(20).optional(),
        /** Told of an open conversation with the same people, the leader creates another anyway. */
        despiteOpen: z.boolean().optional().default(false)
      })
      .catchall(z.unknown())
  ),
  /** Your open conversations ("mine samtaler"), and one of them whose card is posted again in its chat. */
  'conversation.show': verb(z.object({ cid })),
  'conversations.page': verb(z.object({ page })),
  'keywords.pick': verb(z.object({ cid, keywords: csv.optional().default('') }), 'keywords'),
  'keywords.open': verb(z.object({ cid }), 'keywords'),
  /** Back from one's own keyword card, opened in the shared chat, to the conversation's card. */
  'keywords.close': verb(z.object({ cid })),
  /** The leader moves a booked conversation: the meeting in the calendar follows. */
  'meeting.move': verb(z.object({ cid, [inputNames.meetingDate]: z.string().max(40).optional().default(''), [inputNames.meetingTime]: z.string().max(20).optional().default('') })),
  /** The leader calls the conversation off before it is held, with a message to the participants. */
  'conversation.cancel': verb(z.object({ cid, [inputNames.cancelMessage]: text(limits.cancelMessage) })),
  /** The leader reminds those who have not picked their keywords yet. */
  'preparation.nudge': verb(z.object({ cid })),
  /** `withoutPicks`: the leader confirmed starting before everyone has picked. */
  'session.start': verb(z.object({ cid, withoutPicks: z.boolean().optional().default(false) })),
  'session.goto': verb(z.object({ cid, step })),
  'questions.rephrase': verb(z.object({ cid }).catchall(z.unknown())),
  /** The concept's suggested wording of the questions, put into the inputs for the leader to edit and save. */
  'questions.suggest': verb(z.object({ cid }).catchall(z.unknown())),
  'session.finish': verb(z.object({ cid })),
  'plan.file': verb(z.object({ cid })),
  'plan.copy': verb(z.object({ cid })),
  'filing.cancel': verb(z.object({ cid })),
  'session.navigate': verb(
    z.object({
      cid,
      atStep: step,
      note: text(limits.note),
      noteBase: z.string().max(limits.note * 4).optional().default(''),
      inPlay: csv.optional(),
      inPlayBase: z.array(z.string().max(200)).max(100).optional().default([]),
      outcomeBase: z.record(z.string().max(100), z.string().max(limits.note * 4)).optional().default({})
    }),
    'home',
    { 'session.next': 'next', 'session.back': 'back', 'session.save': 'stay', 'session.toReview': 'review' }
  ),
  'agreement.save': verb(agreementForm),
  'agreement.edit': verb(z.object({ cid, agreementId: z.string().min(1).max(100) })),
  'agreement.delete': verb(z.object({ cid, agreementId: z.string().min(1).max(100) })),
  'agreement.cancel': verb(z.object({ cid })),
  'followup.done': verb(followUpAction),
  'followup.postpone': verb(followUpAction),
  'followup.list': verb(z.object({ employeeId: z.string().max(200).optional().default(''), page })),
  /** Another page of the leader's yearly overview. */
  'yearly.page': verb(z.object({ page })),
  /** Another page of a conversation card's list of agreements; the agreement being edited stays in the form. */
  'card.page': verb(z.object({ cid, page, agreementId: z.string().min(1).max(100).optional() })),
  /** Teams asks for a person's own view of the shared card (automatically, or the person pressed "show"). */
  'card.refresh': verb(z.object({ cid })),
  /** The HR overview: a unit to show (the organisation when unknown) and which page of its units. Who may see it is asked of the directory. */
  'hr.unit': verb(z.object({ unit: z.string().max(600).optional().default(''), page }))
} as const;

export type Verb = keyof typeof verbs;
export type CardData<V extends Verb> = z.output<(typeof verbs)[V]['data']>;
export type AgreementForm = z.output<typeof agreementForm>;

/** The verbs the cards' buttons send for a handler: its aliases, or its own name. */
export function sentVerbs(name: Verb): string[] {
  const aliases = (verbs[name] as VerbSpec<z.ZodTypeAny>).aliases;
  return aliases ? Object.keys(aliases) : [name];
}

/** What a sent alias asks of its handler ("session.next" → "next"); the verb itself where it has none. */
export function aliasMeaning(name: Verb, sent: string): string {
  return (verbs[name] as VerbSpec<z.ZodTypeAny>).aliases?.[sent] ?? sent;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; field: string };

function parsed<T>(result: z.SafeParseReturnType<unknown, T>): Parsed<T> {
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, field: String(result.error.issues[0]?.path[0] ?? 'data') };
}

export function parseCardData<V extends Verb>(name: V, raw: unknown): Parsed<CardData<V>> {
  const schema: z.ZodType<CardData<V>, z.ZodTypeDef, unknown> = verbs[name].data;
  return parsed(schema.safeParse(raw));
}

/** The agreement typed into an agreements step's form, if anything was typed (its "what" is not blank). */
export function typedAgreementOf(raw: Record<string, unknown>): Parsed<AgreementForm> | undefined {
  return typeof raw.what === 'string' && raw.what.trim() ? parsed(agreementForm.safeParse(raw)) : undefined;
}

/**
 * An agreement form's data as the domain takes it: the whole group's when no member is chosen. A
 * new agreement's id comes from the form's key and the acting person, so a form sent twice names
 * one agreement, while two people typing into the same card make two.
 */
export function agreementOf(form: AgreementForm, actorId: string): AgreementInput {
  return {
    ...(form.agreementId ? { id: form.agreementId } : {}),
    ...(form.newAgreementKey ? { newId: createHash('sha256').update(`${form.cid}/${actorId}/${form.newAgreementKey}`).digest('hex').slice(0, 12) } : {}),
    perspectiveId: form.perspectiveId,
    memberId: form.memberId || undefined,
    what: form.what ?? '',
    when: form.when ?? '',
    responsibleId: form.responsibleId || undefined,
    followUpDate: form.followUpDate || undefined,
    value: form.value,
    valueFor: form.valueFor,
    extra: extraFieldsOf(form)
  };
}

/** The conversation a card refers to, if its data names a well-formed one. */
export function conversationIdOf(raw: unknown): string | undefined {
  const result = z.object({ cid }).safeParse(raw);
  return result.success ? result.data.cid : undefined;
}

/** Question texts by id as the inputs that hold them, to show on a card (the concept's suggestions). */
export function questionDraft(texts: Record<string, string>): Draft {
  return Object.fromEntries(Object.entries(texts).map(([id, text]) => [inputNames.question(id), text]));
}

/** The leader's rewording of the questions, by question id. */
export function questionTextsOf(raw: Record<string, unknown>): Record<string, string> {
  return inputsNamed(raw, inputNames.question(''));
}

/** The concept's own agreement fields, by field id. */
export function extraFieldsOf(raw: Record<string, unknown>): Record<string, string> {
  return inputsNamed(raw, inputNames.extraField(''));
}

/** How the last plan's agreements went, by agreement id. */
export function outcomesOf(raw: Record<string, unknown>): Record<string, string> {
  return inputsNamed(raw, inputNames.outcome(''));
}

function inputsNamed(raw: Record<string, unknown>, prefix: string): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith(prefix) && typeof value === 'string') texts[key.slice(prefix.length)] = value;
  }
  return texts;
}

/** A follow-up card's own inputs for one agreement. */
export function followUpInputsOf(raw: Record<string, unknown>, cid: string, agreementId: string): Parsed<{ note: string; to: string }> {
  const names = inputNames.followUp(cid, agreementId);
  const note = z.string().max(limits.agreementValue * 2).optional().default('').safeParse(raw[names.note]);
  if (!note.success) return { ok: false, field: 'followUpNote' };
  const to = z.string().max(40).optional().default('').safeParse(raw[names.to]);
  if (!to.success) return { ok: false, field: 'to' };
  return { ok: true, data: { note: note.data, to: to.data } };
}

/** What a person had typed into a card that was refused: shown again so nothing is lost. */
export type Draft = Record<string, string | undefined>;

/** The text inputs of a submitted card, to show again on a refused card. */
export function draftOf(raw: Record<string, unknown>): Draft {
  const draft: Draft = {};
  for (const [key, value] of Object.entries(raw ?? {})) if (typeof value === 'string') draft[key] = value;
  return draft;
}
