/**
 * The kinds of development conversation, and everything about a kind that is not the concept's
 * wording: how many take part, what a group conversation does differently, the command that opens
 * it. A new kind is a row here, its texts in the catalogs (`kind.*`, `byKind`), and a concept that
 * offers it.
 */
export const conversationKinds = ['MUS', 'GRUS', 'LUS'] as const;
export type ConversationKind = (typeof conversationKinds)[number];

export interface KindTraits {
  /**
   * How many people it is held with, besides the one leading it. A group stays within 60
   * participants, the most a Teams card can be refreshed for by name (Universal Actions).
   */
  members: { min: number; max: number };
  /** An agreement may be for one member; each member's copy holds the group's agreements and their own. */
  memberAgreements: boolean;
  /** The overview reads the picks by keyword: how many chose each, and who. */
  keywordTally: boolean;
  /** It may be held instead of the members' own MUS; each member then needs an agreement of their own. */
  mayReplaceMus: boolean;
  /** The word after "ny" (or "new") that opens its create card. */
  command: string;
}

export const kinds: Record<ConversationKind, KindTraits> = {
  MUS: { members: { min: 1, max: 1 }, memberAgreements: false, keywordTally: false, mayReplaceMus: false, command: 'mus' },
  GRUS: { members: { min: 2, max: 59 }, memberAgreements: true, keywordTally: true, mayReplaceMus: true, command: 'grus' },
  LUS: { members: { min: 1, max: 1 }, memberAgreements: false, keywordTally: false, mayReplaceMus: false, command: 'lus' }
};

/** The kind a command word opens ("grus" → GRUS). */
export function kindOfCommand(word: string): ConversationKind | undefined {
  return conversationKinds.find((kind) => kinds[kind].command === word.toLowerCase());
}
