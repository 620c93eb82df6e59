import type { ConversationReference } from 'botbuilder';
import type { Records } from '../app/ports';
import type { Locale } from '../i18n/catalog';

/** A chat the bot can write into later, and the card it keeps up to date there. */
export interface Placement {
  reference: Partial<ConversationReference>;
  activityId?: string;
  locale: Locale;
}

/** Where a development conversation's cards live in Teams: the shared card and each person's own. */
export interface Delivery {
  /** The shared card; in a meeting chat with the Teams user ids Teams refreshes it for into their own views. */
  home: Placement & { viewers?: string[] };
  personal: Record<string, Placement>;
  /** Participants the bot could not write to privately; they answer in the shared chat instead. */
  unreached: string[];
}

/** A person's 1:1 chat with the bot, remembered from their own messages so we can write to them. */
export interface PersonalChat {
  reference: Partial<ConversationReference>;
  locale: Locale;
}

/** Where a conversation was created in Teams, and each participant's Teams user id (to open a 1:1 chat). */
export interface TeamsOrigin {
  home: Placement;
  teamsIds: Record<string, string>;
}

export type DeliveryStore = Records<Delivery>;
export type PersonalChatStore = Records<PersonalChat>;
