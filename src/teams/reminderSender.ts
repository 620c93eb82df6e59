import type { PlanLinks } from '../app/planLinks';
import type { Clock, DeliveryOutcome, ReminderSender } from '../app/ports';
import { reminderCard } from '../cards/followUpViews';
import { noticeCard } from '../cards/views';
import { employeesOf, leaderOf, participant, type DevelopmentConversation } from '../domain/conversation';
import { todayIn } from '../domain/dates';
import type { PlannedReminder } from '../domain/reminders';
import { translator, type Translator } from '../i18n/catalog';
import type { DeliveryStore, PersonalChatStore } from './deliveries';
import type { Messenger, Outgoing } from './messenger';
import type { AdaptiveCardJson } from '../cards/render';
import type { ViewOptions } from '../cards/views';

/** Statuses with which the Bot Connector says a person cannot be written to (app removed, user gone). */
const UNREACHABLE = new Set([403, 404]);

/** Reminders into people's 1:1 chats with the bot, in their own language. */
export interface ReminderSenderDependencies {
  personalChats: PersonalChatStore;
  deliveries: DeliveryStore;
  messenger: Messenger;
  links: PlanLinks;
  clock: Clock;
  /** A participant's own keyword card: a preparation reminder carries it. */
  keywordCard: (c: DevelopmentConversation, personId: string, tr: Translator, options: ViewOptions) => AdaptiveCardJson;
}

export class TeamsReminderSender implements ReminderSender {
  constructor(private readonly deps: ReminderSenderDependencies) {}

  async send(reminder: PlannedReminder, c: DevelopmentConversation, recipientId: string): Promise<DeliveryOutcome> {
    return this.deliver(recipientId, c.id, (tr) => {
      if (reminder.kind === 'prepare') {
        const others = c.participants.filter((p) => p.id !== recipientId).map((p) => p.name);
        const text = tr.forKind(c.kind).t('followUp.prepare', { kind: c.kind, with: tr.list(others), date: tr.date(c.date), count: c.concept.picksPerParticipant });
        return this.deps.keywordCard(c, recipientId, tr, { message: { kind: 'info', text } });
      }
      if (reminder.kind === 'annual') {
        return noticeCard(tr, tr.t('followUp.annual', {
          kind: c.kind,
          command: c.kind.toLowerCase(),
          employee: tr.list(employeesOf(c).map((p) => p.name)),
          date: tr.date(c.date),
          due: tr.date(reminder.date)
        }), undefined, tr.t('followUp.annualTitle'));
      }
      return reminderCard({ conversation: c, agreementId: reminder.agreementId! }, tr, {
        viewerId: recipientId,
        today: todayIn(this.deps.clock.timeZone, this.deps.clock.now()),
        planUrl: (conversation) => this.deps.links.urlFor({ conversationId: conversation.id, personId: recipientId })
      });
    });
  }

  async reportUnreachable(reminder: PlannedReminder, c: DevelopmentConversation, recipientId: string): Promise<void> {
    const what = c.agreements.find((a) => a.id === reminder.agreementId)?.what ?? '';
    const name = participant(c, recipientId)?.name ?? '';
    await this.deliver(leaderOf(c).id, c.id, (tr) =>
      noticeCard(tr, reminder.kind === 'prepare' ? tr.t('followUp.prepareUnreachable', { name, date: tr.date(c.date) }) : tr.t('followUp.unreachable', { what, name }))
    );
  }

  /** Into the person's 1:1 chat: the one they wrote from, or the one their keyword card went to. */
  private async deliver(personId: string, conversationId: string, message: (tr: Translator) => Outgoing): Promise<DeliveryOutcome> {
    const chat = (await this.deps.personalChats.get(personId)) ?? (await this.deps.deliveries.get(conversationId))?.personal[personId];
    if (!chat) return 'unreachable';
    try {
      await this.deps.messenger.send(chat.reference, message(translator(chat.locale)));
      return 'sent';
    } catch (error) {
      if (UNREACHABLE.has((error as { statusCode?: number }).statusCode ?? 0)) return 'unreachable';
      throw error;
    }
  }
}
