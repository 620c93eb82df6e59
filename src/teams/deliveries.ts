import type { ConversationReference } from 'botbuilder';
import type { Locale } from '../i18n/catalog';
import type { VersionedStore } from '../storage/versionedStore';

/** A chat the bot can write into later, and the card it keeps up to date there. */
export interface Placement {
  reference: Partial<ConversationReference>;
  activityId?: string;
  locale: Locale;
}

/** Where a development conversation's cards live in Teams: the shared card and each person's own. */
export interface Delivery {
  home: Placement;
  personal: Record<string, Placement>;
  /** Participants the bot could not write to privately; they answer in the shared chat instead. */
  unreached: string[];
}

/** A person's 1:1 chat with the bot, remembered from their own messages so we can write to them. */
export interface PersonalChat {
  reference: Partial<ConversationReference>;
  locale: Locale;
}

export type DeliveryStore = VersionedStore<Delivery>;
export type PersonalChatStore = VersionedStore<PersonalChat>;
