import type { DevelopmentConversation } from '../domain/conversation';
import type { Logger } from '../log';
import type { ConversationService } from './conversationService';
import type { RecordSource, Records } from './ports';
import { recordKinds } from './recordKinds';
import type { ReminderService } from './reminderService';

export interface RemovalDependencies {
  conversations: ConversationService;
  reminders: ReminderService;
  /** Where every kind of record is (src/app/recordKinds.ts): what only served the conversation goes with it. */
  source: RecordSource;
  log: Logger;
}

/** Why a conversation is removed whole: never held and long past, no longer needed after the next one, or called off. */
export type RemovalReason = 'abandoned' | 'superseded' | 'cancelled';

/**
 * Removes a conversation whole, with what only served it: reminders, card places, its outbox entry
 * and booking, participations; the chat, sign-in and coverage record of anyone who takes part in
 * nothing else; and for one never finished, the plan before it carries the yearly follow-up again.
 * Run again after a stop halfway, it finishes the job while the conversation's record is there;
 * the plan before it is freed first, so its yearly follow-up is never lost.
 */
export class ConversationRemoval {
  private readonly outbox: Records<object>;
  private readonly bookings: Records<object>;
  private readonly deliveries: Records<object>;
  private readonly personalChats: Records<object>;
  private readonly signIns: Records<object>;
  private readonly coverage: Records<object>;
  /** Per conversation: which cards went to whom, and who picks on the shared card. */
  private readonly cardRecords: Records<object>[];

  constructor(private readonly deps: RemovalDependencies) {
    const { source } = deps;
    this.outbox = source(recordKinds.outbox.prefix);
    this.bookings = source(recordKinds.booking.prefix);
    this.deliveries = source(recordKinds.delivery.prefix);
    this.personalChats = source(recordKinds.person.prefix);
    this.signIns = source(recordKinds.signIn.prefix);
    this.coverage = source(recordKinds.coverage.prefix);
    this.cardRecords = [source(recordKinds.cardSent.prefix), source(recordKinds.sharedView.prefix)];
  }

  async remove(c: DevelopmentConversation, reason: RemovalReason): Promise<void> {
    const { conversations, reminders } = this.deps;
    // Before the record goes: a removal stopped halfway is found and finished from the record, and this must not be lost.
    if (c.phase !== 'finished' && c.previous) {
      const outcome = await conversations.retain(c.previous.conversationId, (fresh) => {
        if (fresh.supersededBy !== c.id) return undefined;
        const { supersededBy: _gone, ...rest } = fresh;
        return rest;
      });
      if (outcome.kind === 'applied') await reminders.schedule(outcome.conversation);
    }
    await reminders.forget(c.id);
    await Promise.all([this.deliveries.delete(c.id), this.outbox.delete(c.id), this.bookings.delete(c.id)]);
    for (const records of this.cardRecords) for (const id of await records.ids(`${c.id}/`)) await records.delete(id);
    await conversations.forget(c);
    for (const person of c.participants) {
      if (!(await conversations.takesPart(person.id))) {
        await Promise.all([this.personalChats.delete(person.id), this.signIns.delete(person.id), this.coverage.delete(person.id)]);
      }
    }
    this.deps.log.info('conversation removed', { conversation: c.id, reason });
  }
}
