import { conversationKinds, kindOfCommand, kinds, type ConversationKind } from '../domain/kinds';

/**
 * Every text command the bot understands: how it is recognised, and the words the Teams manifest
 * offers for it (Danish, then English). The manifest's command list is checked against this.
 */
export const textCommands = {
  /** "ny mus", "ny grus", "ny lus" (or "new …"): the create card, opened at that kind. */
  newConversation: {
    pattern: new RegExp(`^\\s*(?:ny|new)\\s+(${conversationKinds.map((kind) => kinds[kind].command).join('|')})\\s*$`, 'i'),
    offered: conversationKinds.map((kind) => ({ da: `ny ${kinds[kind].command}`, en: `new ${kinds[kind].command}` }))
  },
  followUps: { pattern: /^\s*(?:opfølgning|opfoelgning|follow-?up)\s*$/i, offered: [{ da: 'opfølgning', en: 'follow-up' }] },
  yearlyOverview: { pattern: /^\s*(?:oversigt|overview)\s*$/i, offered: [{ da: 'oversigt', en: 'overview' }] },
  signOut: { pattern: /^\s*(?:log ud|sign out)\s*$/i, offered: [{ da: 'log ud', en: 'sign out' }] },
  /** The HR overview across the organisation, for members of the HR group, in the 1:1 chat. */
  hrOverview: { pattern: /^\s*(?:hr[- ]?oversigt|hr[- ]?overview|status)\s*$/i, offered: [{ da: 'hr-oversigt', en: 'hr overview' }] },
  /** Anything else is answered with what the bot can do. */
  help: { pattern: /.*/, offered: [{ da: 'hjælp', en: 'help' }] }
};

/** The kind a "ny …" command asks for. */
export function kindAsked(text: string | undefined): ConversationKind {
  const word = textCommands.newConversation.pattern.exec(text ?? '')?.[1];
  return (word && kindOfCommand(word)) || 'MUS';
}
