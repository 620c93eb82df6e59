import { conversationKinds, kindOfCommand, kinds, type ConversationKind } from '../domain/kinds';

/** The words a command is offered with (Danish, then English), and its description in the catalogs (`commands.<about>`). */
export interface OfferedCommand {
  da: string;
  en: string;
  about: string;
}

/**
 * Every text command the bot understands: how it is recognised, and the words the Teams manifest
 * offers for it. The manifest's command list and the help text both follow from this.
 */
export const textCommands = {
  /** "ny mus", "ny grus", "ny lus" (or "new …"): the create card, opened at that kind. */
  newConversation: {
    pattern: new RegExp(`^\\s*(?:ny|new)\\s+(${conversationKinds.map((kind) => kinds[kind].command).join('|')})\\s*$`, 'i'),
    offered: conversationKinds.map((kind): OfferedCommand => ({ da: `ny ${kinds[kind].command}`, en: `new ${kinds[kind].command}`, about: `new${kind}` }))
  },
  /** The open conversations one takes part in, each of whose cards can be posted again. */
  myConversations: { pattern: /^\s*(?:mine samtaler|my conversations)\s*$/i, offered: [{ da: 'mine samtaler', en: 'my conversations', about: 'myConversations' }] },
  followUps: { pattern: /^\s*(?:opfølgning|opfoelgning|follow-?up)\s*$/i, offered: [{ da: 'opfølgning', en: 'follow-up', about: 'followUps' }] },
  yearlyOverview: { pattern: /^\s*(?:oversigt|overview)\s*$/i, offered: [{ da: 'oversigt', en: 'overview', about: 'yearlyOverview' }] },
  /** "overdrag Søren Ærø": an employee's filed plans copied to their new leader's personnel folder. */
  handover: { pattern: /^\s*(?:overdrag|hand\s?over)(?:\s+(.+?))?\s*$/i, offered: [{ da: 'overdrag', en: 'handover', about: 'handover' }] },
  signOut: { pattern: /^\s*(?:log ud|sign out)\s*$/i, offered: [{ da: 'log ud', en: 'sign out', about: 'signOut' }] },
  /** The HR overview across the organisation, for members of the HR group, in the 1:1 chat. */
  hrOverview: { pattern: /^\s*(?:hr[- ]?oversigt|hr[- ]?overview|status)\s*$/i, offered: [{ da: 'hr-oversigt', en: 'hr overview', about: 'hrOverview' }] },
  /** Anything else is answered with what the bot can do. */
  help: { pattern: /.*/, offered: [{ da: 'hjælp', en: 'help', about: 'help' }] }
} satisfies Record<string, { pattern: RegExp; offered: OfferedCommand[] }>;

/** Every command as offered, in the manifest's order. */
export const offeredCommands: OfferedCommand[] = Object.values(textCommands).flatMap((command) => command.offered);

/** The kind a "ny …" command asks for. */
export function kindAsked(text: string | undefined): ConversationKind {
  const word = textCommands.newConversation.pattern.exec(text ?? '')?.[1];
  return (word && kindOfCommand(word)) || 'MUS';
}
