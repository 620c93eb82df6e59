import { z } from 'zod';
import { conversationKinds, type ConversationKind } from './kinds';

/**
 * A municipality's conversation concept, kept as data so that a municipality adds its own
 * by adding a validated file. Texts are the customer's own (Danish) wording.
 */
const nonEmpty = z.string().trim().min(1);

const questionSchema = z.object({
  id: nonEmpty,
  /** The source's wording, verbatim: the default. */
  text: nonEmpty,
  /**
   * A wording suggested for a kind of conversation, which the leader may accept or edit: the form
   * speaks to "I" (a group), a MUS to one person.
   */
  wording: z.record(z.enum(conversationKinds), nonEmpty).optional()
});

/** Languages a concept may carry translations into (Danish is the source). */
export const translationLocales = ['en'] as const;

const perspectiveSchema = z.object({
  id: nonEmpty,
  name: nonEmpty,
  /** Shown as a colour accent and, because colour alone carries no meaning, always with the name. */
  colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/).optional(),
  colourName: nonEmpty.optional(),
  questions: z.array(questionSchema).min(1)
});

/**
 * How a concept wants one kind of conversation held. LUS (Albertslund): about 1½ hours, and the
 * questions related to the leader's practice with employee well-being, finances and sickness absence.
 */
const kindGuideSchema = z.object({
  /** The suggested length, shown when it is planned. */
  minutes: z.number().int().min(10).max(480).optional(),
  /** What every question is related to in this kind, introduced by `focusIntro`. */
  focusIntro: nonEmpty.optional(),
  focus: z.array(nonEmpty).default([])
});

/**
 * The concept's own agreement form: its words for the fields every agreement has, and fields of
 * its own (Høje-Taastrup: what is to be developed and the goal, for each activity).
 */
const agreementFormSchema = z
  .object({
    labels: z.object({ what: nonEmpty, when: nonEmpty, responsible: nonEmpty, followUp: nonEmpty }).partial().strict().default({}),
    extra: z
      .array(z.object({ id: z.string().regex(/^[a-z][a-z0-9]{0,30}$/, 'små bogstaver og tal, begynder med et bogstav'), label: nonEmpty, required: z.boolean().default(false) }).strict())
      .max(5)
      .default([])
  })
  .strict();

export const conceptSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'kun små bogstaver, tal og bindestreg'),
    municipality: nonEmpty,
    name: nonEmpty,
    kinds: z.array(z.enum(conversationKinds)).min(1),
    picksPerParticipant: z.number().int().min(1).max(10),
    perspectives: z.array(perspectiveSchema).min(1),
    keywords: z.array(nonEmpty).min(1),
    agreementPrompt: nonEmpty,
    valueTargets: z.array(z.object({ id: nonEmpty, label: nonEmpty })),
    agreementForm: agreementFormSchema.default({}),
    /** The puzzle's picture tiles, for reflection before and during the conversation: files in `<concept id>/pictures/`. */
    pictures: z
      .array(z.object({ file: z.string().regex(/^[\w-]+\.(png|jpe?g)$/, 'et filnavn som tile-1.png'), alt: nonEmpty }).strict())
      .max(20)
      .default([]),
    guides: z.record(z.enum(conversationKinds), kindGuideSchema).default({}),
    /** Its texts in other languages, each by its Danish text: a text the leader wrote themselves has none and is shown as written. */
    translations: z.record(z.enum(translationLocales), z.record(z.string(), nonEmpty)).optional()
  })
  .superRefine((concept, ctx) => {
    const duplicate = (values: string[]) => values.find((v, i) => values.indexOf(v) !== i);
    const keyword = duplicate(concept.keywords);
    if (keyword) ctx.addIssue({ code: 'custom', path: ['keywords'], message: `stikordet "${keyword}" står to gange` });
    const questionIds = concept.perspectives.flatMap((p) => p.questions.map((q) => q.id));
    const question = duplicate([...concept.perspectives.map((p) => p.id), ...questionIds]);
    if (question) ctx.addIssue({ code: 'custom', path: ['perspectives'], message: `id "${question}" står to gange` });
    const extra = duplicate(concept.agreementForm.extra.map((f) => f.id));
    if (extra) ctx.addIssue({ code: 'custom', path: ['agreementForm', 'extra'], message: `feltet "${extra}" står to gange` });
    for (const kind of Object.keys(concept.guides) as ConversationKind[]) {
      if (!concept.kinds.includes(kind)) ctx.addIssue({ code: 'custom', path: ['guides', kind], message: `${kind} står ikke i kinds` });
      const guide = concept.guides[kind];
      if (guide?.focus.length && !guide.focusIntro) ctx.addIssue({ code: 'custom', path: ['guides', kind, 'focusIntro'], message: 'mangler, når der er focus' });
    }
    if (concept.picksPerParticipant > concept.keywords.length) {
      ctx.addIssue({ code: 'custom', path: ['picksPerParticipant'], message: 'flere valg end der er stikord' });
    }
    concept.perspectives.forEach((p, i) => p.questions.forEach((q, j) => {
      for (const kind of Object.keys(q.wording ?? {}) as ConversationKind[]) {
        if (!concept.kinds.includes(kind)) ctx.addIssue({ code: 'custom', path: ['perspectives', i, 'questions', j, 'wording', kind], message: `${kind} står ikke i kinds` });
      }
    }));
    const texts = new Set(conceptTexts(concept));
    for (const [locale, table] of Object.entries(concept.translations ?? {})) {
      for (const source of Object.keys(table)) {
        if (!texts.has(source)) ctx.addIssue({ code: 'custom', path: ['translations', locale, source], message: 'teksten findes ikke i konceptet' });
      }
    }
  });

export type Concept = z.infer<typeof conceptSchema>;
export type Perspective = Concept['perspectives'][number];

/** Every text of a concept a person reads, as the source words it: what a translation translates. */
export function conceptTexts(concept: Omit<Concept, 'translations'>): string[] {
  const form = concept.agreementForm;
  return [
    concept.municipality,
    concept.name,
    ...concept.perspectives.flatMap((p) => [p.name, p.colourName ?? '', ...p.questions.flatMap((q) => [q.text, ...Object.values(q.wording ?? {})])]),
    ...concept.keywords,
    concept.agreementPrompt,
    ...concept.valueTargets.map((t) => t.label),
    ...Object.values(form.labels),
    ...form.extra.map((f) => f.label),
    ...concept.pictures.map((p) => p.alt),
    ...Object.values(concept.guides).flatMap((g) => [g?.focusIntro ?? '', ...(g?.focus ?? [])])
  ].filter(Boolean);
}

/**
 * The concept's texts in a language: its own translation where it has one, else the source's
 * Danish. Copies of a concept kept before it carried translations have none.
 */
export function conceptText(concept: Concept, locale: string): (text: string) => string {
  const table = (concept.translations as Record<string, Record<string, string>> | undefined)?.[locale];
  return (text) => table?.[text] ?? text;
}

/** The concept's suggested wording of each question for a kind, by question id, where it has one. */
export function suggestedWording(concept: Concept, kind: ConversationKind): Record<string, string> {
  return Object.fromEntries(concept.perspectives.flatMap((p) => p.questions.flatMap((q) => (q.wording?.[kind] ? [[q.id, q.wording[kind]]] : []))));
}

export class ConceptError extends Error {}

/** Validates a parsed concept file; the error names the file and the field that is wrong. */
export function parseConcept(raw: unknown, source: string): Concept {
  const result = conceptSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new ConceptError(`Koncept-filen ${source} er ugyldig: ${problems.join('; ')}`);
}

function formatPath(path: (string | number)[]): string {
  if (path.length === 0) return '(rod)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
