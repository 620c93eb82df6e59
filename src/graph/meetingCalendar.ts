import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { BookingError, type BookedMeeting, type CalendarEvent, type MeetingCalendar, type MeetingRequest } from '../app/ports';
import { catalogBinding, installApp } from './appInstallation';
import { graphStatus } from './graphClient';

/** The least-privileged application permission each step needs, named to the leader when Graph refuses it. */
export const bookingPermissions = {
  attendees: 'User.ReadBasic.All',
  events: 'Calendars.ReadWrite',
  meetings: 'OnlineMeetings.Read.All',
  chatApp: 'TeamsAppInstallation.ReadWriteSelfForChat.All'
} as const;

const userAddress = z.object({ mail: z.string().nullable().optional(), userPrincipalName: z.string() });
const event = z.object({ id: z.string().min(1), onlineMeeting: z.object({ joinUrl: z.string().url() }).nullable().optional() });
/** Graph answers `dateTimeTimeZone` in UTC unless asked otherwise (a `Prefer: outlook.timezone` header). */
const dateTimeTimeZone = z.object({ dateTime: z.string().min(1), timeZone: z.string() });
const eventTimes = z.object({ start: dateTimeTimeZone, end: dateTimeTimeZone, isCancelled: z.boolean().optional().default(false) });
const meetings = z.object({ value: z.array(z.object({ chatInfo: z.object({ threadId: z.string().min(1) }) })) });

/** Graph's dateTimeTimeZone in UTC: the instant is unambiguous on the days summer time begins and ends. */
const utc = (instant: Date) => ({ dateTime: instant.toISOString().replace('Z', ''), timeZone: 'UTC' });
/** An instant from Graph's dateTimeTimeZone in UTC ("2027-03-29T08:00:00.0000000"). */
function utcInstant(value: { dateTime: string; timeZone: string }): Date {
  if (value.timeZone !== 'UTC') throw new BookingError('refused', undefined, `the event's time came in ${value.timeZone}, not UTC`);
  return new Date(`${value.dateTime.replace(/Z$/, '')}Z`);
}

/**
 * The organiser's calendar through Microsoft Graph, app-only:
 * - `POST /users/{organiser}/events` as a Teams meeting (`isOnlineMeeting`, `teamsForBusiness`)
 *   with the participants as attendees (their addresses from `GET /users/{id}`), the conversation's
 *   id as `transactionId` so a request sent again books no second event;
 * - `PATCH /users/{organiser}/events/{id}` to move it, `POST …/events/{id}/cancel` to cancel it
 *   (the attendees get a cancellation), `GET …/events/{id}` for where it stands now;
 * - the meeting's chat: `GET /users/{organiser}/onlineMeetings?$filter=JoinWebUrl eq '…'` gives
 *   `chatInfo.threadId`, and `POST /chats/{threadId}/installedApps` puts the app in it (409: it is).
 * App-only access to calendars and online meetings is limited to the municipality's leaders by
 * Exchange's application access policy (or RBAC for Applications) and a Teams application access
 * policy, as README says. 429 and 5xx are retried by the Graph client; what still fails is a
 * BookingError naming the permission where one is missing.
 */
export class GraphMeetingCalendar implements MeetingCalendar {
  constructor(
    private readonly client: Client,
    private readonly catalog: { graphBaseUrl: string; catalogId: string }
  ) {}

  async book(request: MeetingRequest): Promise<BookedMeeting> {
    const attendees = await Promise.all(request.attendees.map((person) => this.attendee(person.id, person.name)));
    const events = `/users/${encodeURIComponent(request.organiser.id)}/events`;
    const created = await this.call(bookingPermissions.events, async () =>
      event.parse(
        await this.client.api(events).post({
          subject: request.subject,
          body: { contentType: 'HTML', content: request.body },
          start: utc(request.start),
          end: utc(request.end),
          location: { displayName: request.location },
          attendees,
          isOnlineMeeting: true,
          onlineMeetingProvider: 'teamsForBusiness',
          allowNewTimeProposals: false,
          transactionId: request.conversationId
        })
      )
    );
    const joinUrl = created.onlineMeeting?.joinUrl;
    // Graph may add the Teams meeting a moment after the event: a retry finds the event by its transactionId.
    if (!joinUrl) throw new BookingError('unavailable', undefined, 'the event has no Teams meeting yet');
    return { eventId: created.id, joinUrl };
  }

  async move(organiserId: string, eventId: string, start: Date, end: Date): Promise<void> {
    await this.call(bookingPermissions.events, () => this.client.api(this.eventPath(organiserId, eventId)).patch({ start: utc(start), end: utc(end) }));
  }

  private eventPath(organiserId: string, eventId: string): string {
    return `/users/${encodeURIComponent(organiserId)}/events/${encodeURIComponent(eventId)}`;
  }

  async cancel(organiserId: string, eventId: string, comment: string): Promise<void> {
    try {
      await this.call(bookingPermissions.events, () => this.client.api(`${this.eventPath(organiserId, eventId)}/cancel`).post({ comment }));
    } catch (error) {
      if (!(error instanceof BookingError) || (error.status !== 404 && error.kind !== 'refused')) throw error;
      // Refused because it is gone or cancelled already (in Outlook, or by a first request whose answer was lost): done.
      const now = await this.eventOf(organiserId, eventId);
      if (now && !now.cancelled) throw error;
    }
  }

  async eventOf(organiserId: string, eventId: string): Promise<CalendarEvent | undefined> {
    try {
      const found = await this.call(bookingPermissions.events, async () =>
        eventTimes.parse(await this.client.api(this.eventPath(organiserId, eventId)).header('Prefer', 'outlook.timezone="UTC"').select('start,end,isCancelled').get())
      );
      return { start: utcInstant(found.start), end: utcInstant(found.end), cancelled: found.isCancelled };
    } catch (error) {
      if (error instanceof BookingError && error.status === 404) return undefined;
      throw error;
    }
  }

  async chatOf(organiserId: string, joinUrl: string): Promise<string> {
    const found = await this.call(bookingPermissions.meetings, async () =>
      meetings.parse(
        await this.client
          .api(`/users/${encodeURIComponent(organiserId)}/onlineMeetings`)
          // The link goes percent-encoded into the query, as Graph documents: once decoded it is the link itself.
          .filter(`JoinWebUrl eq '${encodeURIComponent(joinUrl.replace(/'/g, "''"))}'`)
          .get()
      )
    );
    const threadId = found.value[0]?.chatInfo.threadId;
    if (!threadId) throw new BookingError('unavailable', 404, 'the meeting is not found yet');
    await this.call(bookingPermissions.chatApp, () =>
      installApp(this.client, `/chats/${encodeURIComponent(threadId)}/installedApps`, catalogBinding(this.catalog.graphBaseUrl, this.catalog.catalogId))
    );
    return threadId;
  }

  private async attendee(personId: string, name: string) {
    const user = await this.call(bookingPermissions.attendees, async () =>
      userAddress.parse(await this.client.api(`/users/${encodeURIComponent(personId)}`).select('mail,userPrincipalName').get())
    );
    return { type: 'required', emailAddress: { address: user.mail || user.userPrincipalName, name } };
  }

  /** One Graph step; its failure as the leader needs to hear it. */
  private async call<T>(permission: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof BookingError) throw error;
      const status = graphStatus(error);
      const message = `Microsoft Graph: ${status ?? 'no answer'} ${(error as Error).message ?? ''}`.trim();
      if (status === 401 || status === 403) throw new BookingError('permission', status, `${message} (needs ${permission})`, permission);
      if (status === undefined || status === 404 || status === 408 || status === 429 || status >= 500) throw new BookingError('unavailable', status, message);
      throw new BookingError('refused', status, message);
    }
  }
}
