import type { ConversationReference } from 'botbuilder';
import { UnreadableRecordError, type Records } from '../app/ports';
import type { Logger } from '../log';
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

/**
 * A chat's address as it is stored: without the names Teams puts in a conversation reference (the
 * user's display name, the chat's or meeting's title). Sending and updating cards need ids only.
 */
export function addressOf(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const { user, conversation, ...rest } = reference;
  return {
    ...rest,
    ...(user ? { user: { ...user, name: '' } } : {}),
    ...(conversation ? { conversation: { ...conversation, name: '' } } : {})
  };
}

const placementAddress = (placement: Placement): Placement => ({ ...placement, reference: addressOf(placement.reference) });

/** A delivery record as stored: every placement's address without names. */
export function deliveryAddresses(delivery: Delivery): Delivery {
  return { ...delivery, home: placementAddress(delivery.home), personal: Object.fromEntries(Object.entries(delivery.personal).map(([id, p]) => [id, placementAddress(p)])) };
}

/** A person's chat as stored: its address without names. */
export function personalChatAddress(chat: PersonalChat): PersonalChat {
  return { ...chat, reference: addressOf(chat.reference) };
}

/**
 * Records of chat addresses (delivery and person records): every write stores the address without
 * names, and one that cannot be read counts as unknown (logged) — the bot learns a chat again the
 * next time the person writes, or opens it again — so it never blocks a person's turns.
 */
export function chatAddresses<T extends object>(records: Records<T>, stored: (value: T) => T, log: Logger): Records<T> {
  const readable = (error: unknown): undefined => {
    if (!(error instanceof UnreadableRecordError)) throw error;
    log.warn('record unreadable, skipped', { record: error.key });
    return undefined;
  };
  return {
    get: (id) => records.get(id).catch(readable),
    update: (id, decide) =>
      records.update(id, async (current) => {
        const decision = await decide(current);
        return decision.write === undefined ? decision : { ...decision, write: stored(decision.write) };
      }),
    put: (id, value) => records.put(id, stored(value)),
    ids: (under) => records.ids(under),
    delete: (id) => records.delete(id)
  };
}
