/** Teams refuses an activity over 100 KB counted as UTF-16; Microsoft recommends staying within 80 KB, as the app does. */
export const ACTIVITY_BUDGET_BYTES = 80 * 1024;

/** A value's size as Teams counts an activity: its JSON as UTF-16. */
export const utf16Bytes = (value: unknown): number => JSON.stringify(value).length * 2;

/**
 * What a card may take of the budget. The rest is the activity around it: the conversation's
 * address, the ids of bot, user and tenant, the attachment's wrapping, an invoke answer's envelope.
 */
export const CARD_BUDGET_BYTES = ACTIVITY_BUDGET_BYTES - 6 * 1024;
