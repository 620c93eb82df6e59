import type { HandoverSetting } from '../../src/teams/routes/handoverRoutes';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { TestAdapter, type Activity } from 'botbuilder';
import { ConceptCatalog } from '../../src/app/conceptCatalog';
import { ConversationFlow } from '../../src/app/conversationFlow';
import { ConversationService } from '../../src/app/conversationService';
import { FilingService, filingRecords } from '../../src/app/filingService';
import { FollowUps } from '../../src/app/followUps';
import { PlanLinks } from '../../src/app/planLinks';
import { jobRecords, Jobs } from '../../src/app/jobs';
import { recordKinds } from '../../src/app/recordKinds';
import { BookingService } from '../../src/app/bookingService';
import { ConversationRemoval } from '../../src/app/conversationRemoval';
import type { BookingNotice, CardPublisher, FilingReceipt, MeetingCalendar } from '../../src/app/ports';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { noDirectory } from '../../src/directory/noDirectory';
import type { Fields, Logger } from '../../src/log';
import { pdfRenderer } from '../../src/pdf/pdfRenderer';
import type { KeyValueStore } from '../../src/storage/keyValueStore';
import { recordSource } from '../../src/storage/versionedStore';
import { createBot } from '../../src/teams/bot';
import { CardDelivery } from '../../src/teams/cardDelivery';
import type { TeamsOrigin } from '../../src/teams/deliveries';
import type { Messenger } from '../../src/teams/messenger';
import { albertslund } from './concepts';
import { MemoryStorage } from './memoryStorage';
import { testReminders } from './retention';
import type { TeamsUser } from './fakeConnector';

/** The meeting chat of the in-process tests, and the id of the shared card posted there. */
const meetingChat = { conversation: { id: '19:meeting@thread.v2', conversationType: 'groupChat', tenantId: 'tenant', isGroup: true, name: '' } };
const SHARED_CARD = 'shared-card';

/** What the app layer asked the Teams edge to publish, in order: which cards, for which revision. */
export interface Published {
  cards: 'place' | 'deliver' | 'shared' | 'personal' | 'revealed' | 'copies' | 'retired';
  conversationId: string;
  revision: number;
}

/**
 * The Teams edge with the real app layer on in-memory storage, driven through botbuilder's
 * TestAdapter: handler-level tests of the routes without a process or a Bot Connector. The card
 * publisher records what it is asked to publish and can be made to fail.
 */
export function inProcessBot(options: { storage?: KeyValueStore; now?: () => Date; calendar?: MeetingCalendar; handover?: HandoverSetting } = {}) {
  const storage = options.storage ?? new MemoryStorage();
  const records = recordSource(storage);
  const clock = { now: options.now ?? (() => new Date('2026-11-25T10:00:00Z')), timeZone: 'Europe/Copenhagen' };
  const logged: { level: string; event: string; fields?: Fields }[] = [];
  const log: Logger = {
    info: (event, fields) => void logged.push({ level: 'info', event, fields }),
    warn: (event, fields) => void logged.push({ level: 'warn', event, fields }),
    error: (event, fields) => void logged.push({ level: 'error', event, fields })
  };
  const conversations = ConversationService.in(records, clock, { log });
  const links = new PlanLinks('http://127.0.0.1:1', 'a-test-secret-of-thirty-two-bytes!', clock.now);
  const cards = new CardDelivery({
    conversations, deliveries: records('delivery'), personalChats: records('person'), sent: records(recordKinds.cardSent.prefix), sharedViews: records(recordKinds.sharedView.prefix), messenger: {} as Messenger, links, pictureUrl: () => '', log, now: clock.now, sharedCard: 'private'
  });
  const published: Published[] = [];
  const record = (what: Published['cards']) => async (c: DevelopmentConversation) => void published.push({ cards: what, conversationId: c.id, revision: c.revision });
  const publisher: CardPublisher<TeamsOrigin> = {
    place: record('place'),
    deliverNew: record('deliver'),
    refreshShared: (c) => void record('shared')(c),
    updatePersonal: (c, revealed) => record(revealed ? 'revealed' : 'personal')(c),
    sendCopies: record('copies'),
    retire: record('retired')
  };
  const filed: string[] = [];
  const filing = new FilingService({
    conversations,
    ...filingRecords(records),
    target: { file: async (r): Promise<FilingReceipt> => (filed.push(r.conversationId), { location: `Personalemapper/${r.employee.name}/MUS.pdf`, fileName: 'MUS.pdf' }), filesOf: (owner) => owner.id },
    renderer: pdfRenderer,
    notifier: { filed: async () => undefined, failed: async () => undefined },
    clock,
    retry: { firstDelayMs: 60_000, maxDelayMs: 60_000, claimMs: 60_000 },
    log
  });
  const reminders = testReminders(records, conversations, clock, log);
  const concepts = new ConceptCatalog(new Map([['albertslund', albertslund()]]), 'albertslund', {});
  const jobs = new Jobs({ records: jobRecords(records), clock, log, claimMs: 60_000, firstDelayMs: 60_000, maxDelayMs: 60_000 });
  // With a calendar, conversations are booked as meetings; what the leader is told and where the card moves are recorded.
  const bookingNotices: BookingNotice[] = [];
  const meetingChats: string[] = [];
  const booking = options.calendar
    ? new BookingService<TeamsOrigin>({
        conversations,
        bookings: records(recordKinds.booking.prefix),
        calendar: options.calendar,
        publisher: { ...publisher, moveToMeetingChat: async (_c, chatId) => void meetingChats.push(chatId), tellLeaderAbout: async (_c, notice) => void bookingNotices.push(notice) },
        reminders,
        jobs,
        clock,
        locale: 'da',
        log
      })
    : undefined;
  const removal = new ConversationRemoval({ conversations, reminders, source: records, log });
  const flow = new ConversationFlow({ conversations, concepts, directory: noDirectory, filing, reminders, publisher, booking, removal, jobs, log, answerWithinMs: 1000 });
  const followUps = new FollowUps({ conversations, reminders, directory: noDirectory, annualNoticeDays: 30 });
  const adapter = new TestAdapter();
  const app = createBot({
    adapter: adapter as unknown as TeamsAdapter,
    botAppId: '',
    flow,
    conversations,
    followUps,
    filing,
    concepts,
    cards,
    messenger: {} as Messenger,
    personalChats: records('person'),
    links,
    log,
    localeOf: () => 'da',
    allowedTenants: [],
    booking: booking !== undefined,
    handover: options.handover ?? { kind: 'notAvailable' }
  });

  const activity = (user: TeamsUser, extra: Partial<Activity>): Partial<Activity> => ({
    channelId: 'msteams',
    from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
    recipient: { id: '28:bot', name: 'Udviklingssamtale' },
    conversation: { id: 'a:personal', conversationType: 'personal', tenantId: 'tenant', isGroup: false, name: '' },
    locale: 'da-DK',
    ...extra
  });

  /** Runs one activity through the bot and returns what it sent back. */
  async function run(input: Partial<Activity>): Promise<Partial<Activity>[]> {
    adapter.activeQueue.length = 0;
    await adapter.processActivity(input, (context) => app.run(context).then(() => undefined));
    return adapter.activeQueue.splice(0);
  }

  return {
    storage,
    conversations,
    /** The real card delivery: the cards each person is sent, as the bot renders them. */
    cards,
    jobs,
    published,
    filed,
    logged,
    flow,
    booking,
    bookingNotices,
    meetingChats,
    /** A card action (Action.Execute): the invoke response Teams gets, with its card; in the person's 1:1 chat unless `inGroupChat`. */
    /** Puts a conversation's shared card in the meeting chat, as creating it there does: actions from it are answered with the person's view of it. */
    async share(cid: string, teamsIds: Record<string, string> = {}): Promise<void> {
      const conversation = (await conversations.get(cid))!;
      await cards.place(conversation, { home: { reference: { serviceUrl: 'https://smba.example/', conversation: meetingChat.conversation }, activityId: SHARED_CARD, locale: 'da' }, teamsIds });
    },
    /** A card action (Action.Execute); `inGroupChat`: pressed on the shared card in the meeting chat. */
    async execute(user: TeamsUser, verb: string, data: unknown, inGroupChat = false): Promise<{ status: number; card: any; activity: Partial<Activity> }> {
      const chat = inGroupChat ? { ...meetingChat, replyToId: SHARED_CARD } : {};
      const sent = await run(activity(user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, ...chat }));
      const response = sent.find((a) => a.type === 'invokeResponse');
      if (!response) throw new Error(`no invoke response to ${verb}`);
      return { status: response.value.status, card: response.value.body?.value, activity: response };
    },
    /** A choice that searches as the person types (Data.Query): the matches the bot answers with. */
    async search(user: TeamsUser, dataset: string, queryText: string): Promise<{ title: string; value: string }[]> {
      const sent = await run(activity(user, { type: 'invoke', name: 'application/search', value: { kind: 'search', queryText, queryOptions: { skip: 0, top: 15 }, dataset } }));
      return sent.find((a) => a.type === 'invokeResponse')?.value.body.value.results;
    },
    /** A text message in the person's 1:1 chat: what the bot answered. */
    async say(user: TeamsUser, text: string): Promise<Partial<Activity>[]> {
      return run(activity(user, { type: 'message', text }));
    }
  };
}
