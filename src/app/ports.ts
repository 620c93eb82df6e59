import type { DevelopmentConversation, Person } from '../domain/conversation';
import type { ConversationKind } from '../domain/kinds';
import type { PlanDocument } from '../domain/plan';
import type { PlannedReminder } from '../domain/reminders';
import type { Locale } from '../i18n/catalog';
import type { OrganisationMember } from '../domain/organisation';

/**
 * What the use cases need from outside, each as the app sees it. The adapters implement these:
 * storage (`Records`), Teams (`CardPublisher`, `FilingNotifier`, `ReminderSender`), the PDF
 * renderer (`PlanRenderer`), the filing targets (`FilingTarget`) and the directory.
 */

export interface Clock {
  now(): Date;
  /** The municipality's time zone: "today" and reminders follow it, not the server's. */
  timeZone: string;
}

/** What a change decides after reading the fresh value: maybe a value to write, always a result. */
export type Decision<T, R> = { write?: T; result: R };

/**
 * Typed records of one kind. `update` reads, lets the caller decide on the fresh value, and writes
 * on condition that nobody wrote in between; on a conflict it decides again on the newer value, so
 * two people acting at once both keep their input.
 */
export interface Records<T extends object> {
  get(id: string): Promise<T | undefined>;
  update<R>(id: string, decide: (current: T | undefined) => Decision<T, R> | Promise<Decision<T, R>>): Promise<R>;
  /** Writes regardless of what is stored: for records only one writer ever changes. */
  put(id: string, value: T): Promise<void>;
  /** The ids stored, or those that start with `under` (ids may contain "/" to group records). */
  ids(under?: string): Promise<string[]>;
  delete(id: string): Promise<void>;
}

/** Records of a kind, by the key prefix they are kept under. */
export type RecordSource = <T extends object>(prefix: string) => Records<T>;

/** The store could not be reached; nothing was written. */
export class StorageUnavailableError extends Error {}

/**
 * A stored record exists but cannot be read (empty, cut short, not JSON). Where the app reads a
 * list of records it skips such a record with a log line; one asked for by name is refused. The
 * message names the record's key (ids only), never its content.
 */
export class UnreadableRecordError extends Error {
  constructor(readonly key: string) {
    super(`stored record ${key} cannot be read`);
  }
}

/** One plan copy for one personnel folder: the leader (the folder's owner) files it for the employee. */
export interface FilingRequest {
  conversationId: string;
  kind: ConversationKind;
  date: string;
  owner: Person;
  employee: Person;
  /** The employee's folder in the owner's personnel files, as the app decided it: two people never share one. */
  folder: string;
  pdf: Buffer;
}

/**
 * Why filing failed, as the leader needs to hear it: the app lacks a permission (an administrator
 * must act), the service is unavailable for now (it will be retried), the request was refused, or
 * — filing as the leader — the leader must sign in first.
 */
export type FilingFailureKind = 'permission' | 'unavailable' | 'refused' | 'signIn';

/** Where plans are filed, as the leader hears it: their own OneDrive, or the municipality's personnel archive. */
export type FilingPlace = 'oneDrive' | 'archive';

export class FilingError extends Error {
  constructor(
    readonly kind: FilingFailureKind,
    readonly status: number | undefined,
    message: string,
    /** For 'permission': the Graph permission that is missing, as an administrator grants it. */
    readonly permission?: string,
    readonly place: FilingPlace = 'oneDrive'
  ) {
    super(message);
  }
}

export interface FilingReceipt {
  /** A human-readable place: a path under the owner's OneDrive, or a folder on disk locally. */
  location: string;
  fileName: string;
  webUrl?: string;
}

/**
 * Where finished plans go: a local folder in local mode, the owner's OneDrive or the personnel
 * archive through Graph in production.
 */
export interface FilingTarget {
  file(request: FilingRequest): Promise<FilingReceipt>;
  /**
   * Whose personnel files a plan the owner files goes into, as the key folder names are chosen
   * under: the owner's own (their id), or one archive every leader shares.
   */
  filesOf(owner: Person): string;
}

/** Tells the leader what happened to the filing. */
export interface FilingNotifier {
  filed(conversation: DevelopmentConversation): Promise<void>;
  /** `changed` is true the first time, and whenever the reason changes, so the leader is not spammed. */
  failed(conversation: DevelopmentConversation, failure: FilingError, changed: boolean): Promise<void>;
}

/** `unneeded`: the reminder no longer applies to this person (they picked their keywords meanwhile). */
export type DeliveryOutcome = 'sent' | 'unreachable' | 'unneeded';

/** Reaches people in their chat. Throws on a passing failure (it is tried again); `unreachable` is final. */
export interface ReminderSender {
  send(reminder: PlannedReminder, conversation: DevelopmentConversation, recipientId: string): Promise<DeliveryOutcome>;
  /** Tells the leader that someone could not be reminded. */
  reportUnreachable(reminder: PlannedReminder, conversation: DevelopmentConversation, recipientId: string): Promise<void>;
}

/**
 * Keeps a conversation's cards where its people see them. `Origin` is where the conversation was
 * created and how to reach each participant, as the chat adapter knows them: plain data the app
 * stores with the job that delivers the cards and passes on. The methods that reach people are run
 * as jobs after the person acting was answered: each may run again after a crash, and sends each
 * card once.
 */
export interface CardPublisher<Origin> {
  /** Records where a new conversation's shared card is; done before the leader is answered. */
  place(conversation: DevelopmentConversation, origin: Origin): Promise<void>;
  /** Sends every participant their card for a new conversation. */
  deliverNew(conversation: DevelopmentConversation, origin: Origin): Promise<void>;
  /**
   * Brings the shared card up to date for everyone. Not awaited and never failing: a lost update is
   * superseded by the next one.
   */
  refreshShared(conversation: DevelopmentConversation): void;
  /** Brings each person's own card up to date (the phase, the questions, the picks); on the reveal, tells them. */
  updatePersonal(conversation: DevelopmentConversation, revealed: boolean): Promise<void>;
  /** Every participant reached privately gets their own copy of the finished plan. */
  sendCopies(conversation: DevelopmentConversation): Promise<void>;
  /**
   * A conversation called off: every card of it says so (nothing picked is left on them), and each
   * participant but the leader is told in their 1:1 chat, once, with the leader's message.
   */
  retire(conversation: DevelopmentConversation): Promise<void>;
}

/** The plan as a document file (PDF), in a language. */
export interface PlanRenderer {
  render(plan: PlanDocument, locale: Locale, kind: ConversationKind): Promise<Buffer>;
}

/** Who reports to a leader, as the organisation's directory knows it. */
export interface Directory {
  /** Undefined when the directory cannot be asked (not configured, or not permitted). */
  directReports(leaderId: string): Promise<Person[] | undefined>;
  /** A person's manager; null when they have none; undefined when the directory cannot be asked. */
  managerOf(personId: string): Promise<Person | null | undefined>;
}

/** Where one leader's personnel files keep one employee's folder (OneDrive: the leader's own). */
export interface PersonnelFolderRef {
  ownerId: string;
  folder: string;
}

/**
 * Copies filed plans between two leaders' personnel files, for a handover. Throws FilingError, as
 * filing does, when it cannot.
 */
export interface PlanCopier {
  /** The names of the plans the app filed in this folder (nothing else kept there); none when there is no such folder. */
  plansIn(at: PersonnelFolderRef): Promise<string[]>;
  /** Copies one plan; never overwrites and never copies twice (the same bytes there already count). Its name where it landed. */
  copy(from: PersonnelFolderRef, fileName: string, to: PersonnelFolderRef): Promise<string>;
}

/** The directory could not say: the app lacks a permission (an administrator must grant it), or it is unavailable for now. */
export class DirectoryError extends Error {
  constructor(readonly kind: 'permission' | 'unavailable', readonly status: number | undefined, message: string, readonly permission?: string) {
    super(message);
  }
}

/** Everyone in the organisation with their department and manager, as the directory knows them (the HR overview). */
export interface Organisation {
  /** Enabled member accounts. Throws DirectoryError when the directory cannot be asked. */
  members(): Promise<OrganisationMember[]>;
}

/** Who may see the HR overview: members of the configured HR group, as the directory says. */
export interface HrMembership {
  /** Asked on every request, never taken from card data. Throws DirectoryError when it cannot be asked. */
  isHr(personId: string): Promise<boolean>;
}

/**
 * Puts the app where the bot must write and was not let in (Microsoft Graph): for a person who never
 * installed it, and in a meeting's chat. Failures are logged and answered as undefined; the caller
 * falls back (the shared card, the leader adding the app).
 */
export interface AppInstaller {
  /** The id of the person's 1:1 chat with the bot, the app installed for them (already installed counts). */
  installForPerson(personId: string): Promise<string | undefined>;
}

/** A conversation to be booked as a Teams meeting in the organiser's calendar. */
export interface MeetingRequest {
  /** Sent as the event's transactionId: Graph makes one event of a request sent again. */
  conversationId: string;
  organiser: Person;
  attendees: Person[];
  subject: string;
  /** HTML: what to prepare, and that the keyword card waits in the chat with the bot. */
  body: string;
  /** Table or walk'n'talk, as the invitation's location (a room can be added in Outlook). */
  location: string;
  start: Date;
  end: Date;
}

export interface BookedMeeting {
  eventId: string;
  /** The Teams meeting's join link: the way to its chat. */
  joinUrl: string;
}

/**
 * Why booking failed, as the leader needs to hear it: the app lacks a permission (an administrator
 * must act; `permission` names it), the service is unavailable for now, or the request was refused.
 * Each is retried: a permission may be granted, an outage ends.
 */
export class BookingError extends Error {
  constructor(readonly kind: 'permission' | 'unavailable' | 'refused', readonly status: number | undefined, message: string, readonly permission?: string) {
    super(message);
  }
}

/** A booked meeting as the calendar holds it now: the organiser may have moved or cancelled it in Outlook. */
export interface CalendarEvent {
  start: Date;
  end: Date;
  cancelled: boolean;
}

/** The organiser's calendar, with Teams meetings (Microsoft Graph). Throws BookingError. */
export interface MeetingCalendar {
  book(request: MeetingRequest): Promise<BookedMeeting>;
  move(organiserId: string, eventId: string, start: Date, end: Date): Promise<void>;
  /** Cancels the meeting, sending the attendees a cancellation with `comment`; one already gone counts as cancelled. */
  cancel(organiserId: string, eventId: string, comment: string): Promise<void>;
  /** The meeting as it stands; undefined when it is gone from the calendar. */
  eventOf(organiserId: string, eventId: string): Promise<CalendarEvent | undefined>;
  /** The meeting's chat (its thread id), with the app installed in it so the bot may post there. */
  chatOf(organiserId: string, joinUrl: string): Promise<string>;
}

/** How a booking stands, told to the leader in their chat with the bot. */
export type BookingNotice =
  | { kind: 'booked' | 'moved' | 'movedInOutlook' | 'cancelled'; start: Date; end: Date; timeZone: string }
  | { kind: 'cancelledInOutlook' }
  /** `failed`: booking or moving it failed (and is retried); `cancelFailed`: the meeting could not be cancelled, the leader must. */
  | { kind: 'failed' | 'cancelFailed'; failure: BookingError };

/** Where a booked conversation's cards go in Teams. */
export interface MeetingChatPublisher<Origin> {
  /** Posts the conversation's shared card into its meeting chat, once, and keeps it up to date there from now on. */
  moveToMeetingChat(conversation: DevelopmentConversation, chatId: string, origin: Origin): Promise<void>;
  tellLeaderAbout(conversation: DevelopmentConversation, notice: BookingNotice): Promise<void>;
}
