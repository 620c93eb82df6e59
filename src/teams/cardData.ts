import { z } from 'zod';
import { limits } from '../domain/text';
import { conversationKinds } from '../domain/concept';
import { memberCount } from '../domain/operations';
import { EXTRA_INPUT, WHOLE_GROUP } from '../cards/views';

/**
 * The shapes of every card submission. Card data is untrusted input: it only says what the
 * person asked for; who they are comes from the activity, never from here.
 */
const teamsId = z.string().min(1).max(200).regex(/^[\w.:@-]+$/);
const cid = z.string().uuid();
const step = z.coerce.number().int().min(0).max(1000);
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
  employeeId: z.string().max(200).optional().default('')
});

export const verbs = {
  'mus.create': z
    .object({
      /** The concept chosen on the card; without one, the tenant's. */
      concept: z.string().max(100).regex(/^[a-z0-9-]+$/).optional(),
      /** Cards sent before LUS and GRUS existed carry no kind: they created a MUS. */
      kind: z.enum(conversationKinds).default('MUS'),
      /** One person, or a GRUS's members: a multi-select sends them comma-separated. */
      employeeId: csv.pipe(z.array(teamsId).min(1).max(memberCount.GRUS.max)),
      replacesMus: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
      date: z.string().max(40),
      format: z.enum(['table', 'walk'])
    })
    .catchall(z.unknown()),
  'keywords.pick': z.object({ cid, keywords: csv.optional().default('') }),
  'keywords.open': z.object({ cid }),
  'session.start': z.object({ cid }),
  'session.goto': z.object({ cid, step }),
  'questions.rephrase': z.object({ cid }).catchall(z.unknown()),
  'session.finish': z.object({ cid }),
  'plan.file': z.object({ cid }),
  'plan.copy': z.object({ cid }),
  'filing.cancel': z.object({ cid }),
  'session.navigate': z.object({
    cid,
    atStep: step,
    note: text(limits.note),
    noteBase: z.string().max(limits.note * 4).optional().default(''),
    inPlay: csv.optional(),
    inPlayBase: z.array(z.string().max(200)).max(100).optional().default([]),
    outcomeBase: z.record(z.string().max(100), z.string().max(limits.note * 4)).optional().default({})
  }),
  'agreement.save': z.object({
    cid,
    perspectiveId: z.string().min(1).max(100),
    agreementId: z.string().max(100).optional().default(''),
    /** GRUS: the member it is for, or the whole group. */
    memberId: z.string().max(200).optional().transform((id) => (id === WHOLE_GROUP ? '' : (id ?? ''))),
    what: text(limits.agreementWhat),
    when: text(limits.agreementWhen),
    responsibleId: z.string().max(200).optional().default(''),
    followUpDate: z.string().max(40).optional().default(''),
    valueFor: csv.optional().default(''),
    value: text(limits.agreementValue)
  }).catchall(z.unknown()),
  'agreement.edit': z.object({ cid, agreementId: z.string().min(1).max(100) }),
  'agreement.delete': z.object({ cid, agreementId: z.string().min(1).max(100) }),
  'agreement.cancel': z.object({ cid }),
  'followup.done': followUpAction,
  'followup.postpone': followUpAction,
  'followup.list': z.object({ employeeId: z.string().max(200).optional().default('') })
} as const;

export type Verb = keyof typeof verbs;
export type CardData<V extends Verb> = z.output<(typeof verbs)[V]>;

export type Parsed<V extends Verb> = { ok: true; data: CardData<V> } | { ok: false; field: string };

export function parseCardData<V extends Verb>(verb: V, raw: unknown): Parsed<V> {
  const result = verbs[verb].safeParse(raw);
  if (result.success) return { ok: true, data: result.data as CardData<V> };
  return { ok: false, field: String(result.error.issues[0]?.path[0] ?? 'data') };
}

/** The conversation a card refers to, if its data names a well-formed one. */
export function conversationIdOf(raw: unknown): string | undefined {
  const parsed = z.object({ cid }).safeParse(raw);
  return parsed.success ? parsed.data.cid : undefined;
}

/** The leader's rewording of the questions: inputs named q_<questionId>. */
export function questionTextsOf(raw: Record<string, unknown>): Record<string, string> {
  return inputsNamed(raw, 'q_');
}

/** The concept's own agreement fields: inputs named x_<field id>. */
export function extraFieldsOf(raw: Record<string, unknown>): Record<string, string> {
  return inputsNamed(raw, EXTRA_INPUT);
}

/** How the last plan's agreements went: inputs named outcome_<agreementId>. */
export function outcomesOf(raw: Record<string, unknown>): Record<string, string> {
  return inputsNamed(raw, 'outcome_');
}

function inputsNamed(raw: Record<string, unknown>, prefix: string): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith(prefix) && typeof value === 'string') texts[key.slice(prefix.length)] = value;
  }
  return texts;
}

/** A follow-up card's own inputs for one agreement, by the names `followUpInputs` gave them. */
export function followUpInputsOf(raw: Record<string, unknown>, names: { note: string; to: string }): { ok: true; note: string; to: string } | { ok: false; field: string } {
  const note = z.string().max(limits.agreementValue * 2).optional().default('').safeParse(raw[names.note]);
  if (!note.success) return { ok: false, field: 'followUpNote' };
  const to = z.string().max(40).optional().default('').safeParse(raw[names.to]);
  if (!to.success) return { ok: false, field: 'to' };
  return { ok: true, note: note.data, to: to.data };
}
