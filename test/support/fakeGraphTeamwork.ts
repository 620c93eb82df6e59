import type { GraphExtension, GraphRequest } from './fakeGraph';

type Json = (status: number, value: unknown, headers?: Record<string, string>) => void;

/** Graph's answer for an application permission the app was not granted, naming the ones that would do. */
const missingRole = (permission: string) => ({
  error: { code: 'Forbidden', message: `Missing role permissions on the request. API requires one of '${permission}'. Roles on the request ''.` }
});

const notFound = (what: string) => ({ error: { code: 'NotFound', message: `${what} not found` } });

/**
 * The part of Microsoft Graph that puts a Teams app where a bot must write, in Graph's wire format:
 * - `POST /users/{id}/teamwork/installedApps` with `teamsApp@odata.bind` to the org catalog:
 *   201 with no body; 409 `Conflict` when the app is installed for them already; 404 for an app
 *   that is not in the catalog or an unknown user; 400 for a body without the binding.
 * - `GET /users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '…'`: the
 *   installations (the installation id is not the catalog id), and
 *   `GET /users/{id}/teamwork/installedApps/{installationId}/chat`: the 1:1 chat with the app.
 * - 403 naming the application permission when it was not granted (`granted` holds those that are).
 * Installing tells `onInstalled`, so the fake Bot Connector lets the bot write to that person.
 */
export class FakeTeamwork implements GraphExtension {
  /** Application permissions granted to the app (admin consent). */
  readonly granted = new Set(['TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteSelfForChat.All', 'Calendars.ReadWrite', 'OnlineMeetings.Read.All', 'User.ReadBasic.All']);
  /** Events by organiser, as Graph returns them. */
  readonly events = new Map<string, GraphEvent[]>();
  /** Meeting chats (thread ids) → catalog ids installed in them. */
  readonly chatApps = new Map<string, Set<string>>();
  /** Person → catalog ids installed in their personal scope. */
  readonly installedFor = new Map<string, Set<string>>();
  /** Installation requests answered, by outcome. */
  readonly installs: { userId: string; status: number }[] = [];

  constructor(
    /** The apps in the organisation's catalog. */
    readonly catalog: Set<string>,
    /** The people in the tenant (Entra object ids). */
    readonly users: Set<string>,
    /** The 1:1 chat between a person and the app, as Teams names it. */
    private readonly chatIdOf: (userId: string) => string,
    private readonly onInstalled: (userId: string) => void = () => undefined,
    /** A meeting's chat comes into being with its organiser and attendees (user ids); the app is not in it. */
    private readonly onMeetingChat: (threadId: string, userIds: string[]) => void = () => undefined,
    private readonly onChatInstalled: (threadId: string) => void = () => undefined
  ) {}

  /** The address Graph knows a user by. */
  static mailOf(userId: string): string {
    return `${userId}@albertslund.dk`;
  }

  serve(request: GraphRequest, json: Json): boolean {
    return this.serveApps(request, json) || this.serveCalendar(request, json);
  }

  private serveApps(request: GraphRequest, json: Json): boolean {
    const { method, rawPath } = request;
    const chatApps = /^\/v1\.0\/chats\/([^/]+)\/installedApps$/.exec(rawPath);
    if (chatApps && method === 'POST') {
      if (!this.granted.has('TeamsAppInstallation.ReadWriteSelfForChat.All')) json(403, missingRole('TeamsAppInstallation.ReadWriteSelfForChat.All, TeamsAppInstallation.ReadWriteForChat.All'));
      else this.installInChat(decodeURIComponent(chatApps[1]), request, json);
      return true;
    }
    const apps = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)(\/chat)?)?$/.exec(rawPath);
    if (!apps) return false;
    const userId = decodeURIComponent(apps[1]);
    if (!this.granted.has('TeamsAppInstallation.ReadWriteSelfForUser.All')) {
      json(403, missingRole('TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteForUser.All'));
      return true;
    }
    if (!this.users.has(userId)) {
      json(404, notFound(`User ${userId}`));
      return true;
    }
    if (method === 'POST' && !apps[2]) this.install(userId, request, json);
    else if (method === 'GET' && !apps[2]) this.list(userId, request, json);
    else if (method === 'GET' && apps[3]) this.chatOf(userId, decodeURIComponent(apps[2]), request, json);
    else json(405, { error: { code: 'MethodNotAllowed', message: `${method} ${rawPath}` } });
    return true;
  }

  private install(userId: string, { body }: GraphRequest, json: Json): void {
    const id = boundApp(body);
    if (!id) return json(400, { error: { code: 'BadRequest', message: 'teamsApp@odata.bind is required' } });
    if (!this.catalog.has(id)) return this.answered(userId, 404, json, notFound(`App ${id}`));
    const installed = this.installedFor.get(userId) ?? new Set();
    if (installed.has(id)) return this.answered(userId, 409, json, { error: { code: 'Conflict', message: 'App is already installed.' } });
    installed.add(id);
    this.installedFor.set(userId, installed);
    this.onInstalled(userId);
    this.answered(userId, 201, json, '');
  }

  private answered(userId: string, status: number, json: Json, value: unknown): void {
    this.installs.push({ userId, status });
    json(status, value);
  }

  private list(userId: string, { url, baseUrl }: GraphRequest, json: Json): void {
    const filter = url.searchParams.get('$filter');
    const wanted = filter === null ? undefined : /^teamsApp\/id eq '([^']+)'$/.exec(filter)?.[1];
    if (filter !== null && !wanted) return json(400, { error: { code: 'BadRequest', message: `Unsupported $filter: ${filter}` } });
    const expand = url.searchParams.get('$expand') === 'teamsApp';
    const value = [...(this.installedFor.get(userId) ?? [])]
      .filter((appId) => !wanted || appId === wanted)
      .map((appId) => ({ id: installationId(userId, appId), ...(expand ? { teamsApp: { id: appId, externalId: null, displayName: 'Udviklingssamtale', distributionMethod: 'organization' } } : {}) }));
    json(200, { '@odata.context': `${baseUrl}/v1.0/$metadata#users('${userId}')/teamwork/installedApps`, value });
  }

  private installInChat(threadId: string, { body }: GraphRequest, json: Json): void {
    const id = boundApp(body);
    if (!id) return json(400, { error: { code: 'BadRequest', message: 'teamsApp@odata.bind is required' } });
    const installed = this.chatApps.get(threadId);
    if (!installed) return json(404, notFound(`Chat ${threadId}`));
    if (!this.catalog.has(id)) return json(404, notFound(`App ${id}`));
    if (installed.has(id)) return json(409, { error: { code: 'Conflict', message: 'App is already installed.' } });
    installed.add(id);
    this.onChatInstalled(threadId);
    json(201, '');
  }

  /**
   * Calendars and online meetings: `GET /users/{id}` (`$select=mail,userPrincipalName`),
   * `POST /users/{id}/events` (a Teams meeting when `isOnlineMeeting` with `teamsForBusiness`: the
   * answer carries `onlineMeeting.joinUrl`; a `transactionId` seen before answers the event made
   * then), `PATCH /users/{id}/events/{eventId}`, and `GET /users/{id}/onlineMeetings` with
   * `$filter=JoinWebUrl eq '…'` (the organiser's meetings only): `chatInfo.threadId`.
   */
  private serveCalendar(request: GraphRequest, json: Json): boolean {
    const { method, rawPath, url, baseUrl } = request;
    const match = /^\/v1\.0\/users\/([^/]+)(?:\/(events|onlineMeetings)(?:\/([^/]+)(\/cancel)?)?)?$/.exec(rawPath);
    if (!match) return false;
    const userId = decodeURIComponent(match[1]);
    const [, , collection, itemId, cancel] = match;
    const permission = collection === 'events' ? 'Calendars.ReadWrite' : collection === 'onlineMeetings' ? 'OnlineMeetings.Read.All' : 'User.ReadBasic.All';
    if (!this.granted.has(permission)) {
      json(403, permission === 'User.ReadBasic.All' ? { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } : missingRole(permission));
      return true;
    }
    if (!this.users.has(userId)) {
      json(404, { error: { code: 'Request_ResourceNotFound', message: `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.` } });
      return true;
    }
    if (!collection && method === 'GET') {
      const select = url.searchParams.get('$select')?.split(',') ?? ['id', 'displayName', 'mail', 'userPrincipalName'];
      const user: Record<string, string> = { id: userId, displayName: userId, mail: FakeTeamwork.mailOf(userId), userPrincipalName: FakeTeamwork.mailOf(userId) };
      json(200, { '@odata.context': `${baseUrl}/v1.0/$metadata#users(${select.join(',')})/$entity`, ...Object.fromEntries(select.map((k) => [k, user[k] ?? null])) });
    } else if (collection === 'events' && method === 'POST' && !itemId) this.createEvent(userId, request, json);
    else if (collection === 'events' && method === 'POST' && itemId && cancel) this.cancelEvent(userId, decodeURIComponent(itemId), request, json);
    else if (collection === 'events' && method === 'GET' && itemId && !cancel) this.getEvent(userId, decodeURIComponent(itemId), request, json);
    else if (collection === 'events' && method === 'PATCH' && itemId && !cancel) this.updateEvent(userId, decodeURIComponent(itemId), request, json);
    else if (collection === 'onlineMeetings' && method === 'GET' && !itemId) this.findMeeting(userId, request, json);
    else json(405, { error: { code: 'MethodNotAllowed', message: `${method} ${rawPath}` } });
    return true;
  }

  private createEvent(organiserId: string, { body, baseUrl }: GraphRequest, json: Json): void {
    const sent = parse(body) as Partial<GraphEvent> | undefined;
    const mine = this.events.get(organiserId) ?? [];
    const again = sent?.transactionId ? mine.find((e) => e.transactionId === sent.transactionId) : undefined;
    if (again) return json(201, this.shown(organiserId, again, baseUrl));
    if (!sent?.subject || !validTime(sent.start) || !validTime(sent.end) || Date.parse(`${sent.end!.dateTime}Z`) <= Date.parse(`${sent.start!.dateTime}Z`)) {
      return json(400, { error: { code: 'ErrorInvalidRequest', message: 'Your request can\'t be completed. The event needs a subject, a start and a later end.' } });
    }
    if (!(sent.attendees ?? []).every((a) => /^[^@\s]+@[^@\s]+$/.test(a.emailAddress?.address ?? ''))) {
      return json(400, { error: { code: 'ErrorInvalidRecipients', message: 'At least one recipient isn\'t valid.' } });
    }
    const online = sent.isOnlineMeeting === true && sent.onlineMeetingProvider === 'teamsForBusiness';
    const n = [...this.events.values()].flat().length + 1;
    const threadId = `19:meeting_${Buffer.from(`event-${n}`).toString('base64url')}@thread.v2`;
    const event: GraphEvent = {
      id: `AAMkAD${Buffer.from(`${organiserId}-${n}`).toString('base64url')}`,
      transactionId: sent.transactionId,
      subject: sent.subject,
      body: sent.body ?? { contentType: 'text', content: '' },
      start: sent.start!,
      end: sent.end!,
      location: sent.location ?? { displayName: '' },
      attendees: sent.attendees ?? [],
      isOnlineMeeting: online,
      onlineMeetingProvider: online ? 'teamsForBusiness' : 'unknown',
      onlineMeeting: online ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(threadId)}/0?context=%7b%22Tid%22%3a%22tenant-albertslund%22%7d` } : null,
      threadId
    };
    this.events.set(organiserId, [...mine, event]);
    if (online) {
      this.chatApps.set(threadId, new Set());
      const mailToId = new Map([...this.users].map((id) => [FakeTeamwork.mailOf(id), id]));
      this.onMeetingChat(threadId, [organiserId, ...event.attendees.map((a) => mailToId.get(a.emailAddress.address)).filter((id): id is string => Boolean(id))]);
    }
    json(201, this.shown(organiserId, event, baseUrl));
  }

  private updateEvent(organiserId: string, eventId: string, { body, baseUrl }: GraphRequest, json: Json): void {
    const event = (this.events.get(organiserId) ?? []).find((e) => e.id === eventId);
    if (!event) return json(404, { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } });
    const change = parse(body) as Partial<GraphEvent> | undefined;
    if ((change?.start && !validTime(change.start)) || (change?.end && !validTime(change.end))) return json(400, { error: { code: 'ErrorInvalidRequest', message: 'Invalid start or end.' } });
    Object.assign(event, change?.start ? { start: change.start } : {}, change?.end ? { end: change.end } : {});
    json(200, this.shown(organiserId, event, baseUrl));
  }

  /**
   * `POST …/events/{id}/cancel`: the organiser's cancellation, 202 with no body. The event goes to
   * Deleted Items (here: kept, `isCancelled`), the attendees get `comment`. An event cancelled
   * already cannot be cancelled again (400).
   */
  private cancelEvent(organiserId: string, eventId: string, { body }: GraphRequest, json: Json): void {
    const event = (this.events.get(organiserId) ?? []).find((e) => e.id === eventId);
    if (!event) return json(404, { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } });
    if (event.isCancelled) return json(400, { error: { code: 'ErrorInvalidRequest', message: 'Your request can\'t be completed. The meeting has already been canceled.' } });
    const comment = (parse(body) as { comment?: unknown } | undefined)?.comment;
    if (comment !== undefined && typeof comment !== 'string') return json(400, { error: { code: 'ErrorInvalidRequest', message: 'comment must be a string.' } });
    Object.assign(event, { isCancelled: true, cancellationComment: comment ?? '' });
    json(202, '');
  }

  /** `GET …/events/{id}` with `$select`: times in UTC (the default, and what `Prefer: outlook.timezone="UTC"` asks for), as Graph writes them. */
  private getEvent(organiserId: string, eventId: string, { url, headers, baseUrl }: GraphRequest, json: Json): void {
    const event = (this.events.get(organiserId) ?? []).find((e) => e.id === eventId);
    if (!event) return json(404, { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } });
    const zone = /outlook\.timezone="([^"]+)"/.exec(String(headers.prefer ?? ''))?.[1] ?? 'UTC';
    if (zone !== 'UTC') return json(501, { error: { code: 'NotImplemented', message: `the fake answers in UTC only, not ${zone}` } });
    const graphTime = (t: { dateTime: string }) => ({ dateTime: `${t.dateTime.slice(0, 19)}.0000000`, timeZone: 'UTC' });
    const shown: Record<string, unknown> = { id: event.id, start: graphTime(event.start), end: graphTime(event.end), isCancelled: event.isCancelled ?? false, subject: event.subject };
    const select = url.searchParams.get('$select')?.split(',');
    json(200, { '@odata.context': `${baseUrl}/v1.0/$metadata#users('${organiserId}')/events/$entity`, ...(select ? Object.fromEntries(['id', ...select].map((k) => [k, shown[k]])) : shown) });
  }

  /** The organiser moves a meeting in Outlook (start and end as instants). */
  moveInOutlook(organiserId: string, eventId: string, start: Date, end: Date): void {
    const event = (this.events.get(organiserId) ?? []).find((e) => e.id === eventId)!;
    const utc = (d: Date) => ({ dateTime: d.toISOString().replace('Z', ''), timeZone: 'UTC' });
    Object.assign(event, { start: utc(start), end: utc(end) });
  }

  private findMeeting(organiserId: string, { url, baseUrl }: GraphRequest, json: Json): void {
    const filter = url.searchParams.get('$filter') ?? '';
    const joinUrl = /^JoinWebUrl eq '(.+)'$/i.exec(filter)?.[1]?.replace(/''/g, "'");
    if (!joinUrl) return json(400, { error: { code: 'BadRequest', message: 'Filter on JoinWebUrl is required.' } });
    const event = (this.events.get(organiserId) ?? []).find((e) => e.onlineMeeting?.joinUrl === joinUrl);
    const value = event
      ? [{ id: Buffer.from(`${organiserId}#${event.threadId}`).toString('base64url'), joinWebUrl: joinUrl, subject: event.subject, startDateTime: `${event.start.dateTime}Z`, endDateTime: `${event.end.dateTime}Z`, chatInfo: { threadId: event.threadId, messageId: '0', replyChainMessageId: null } }]
      : [];
    json(200, { '@odata.context': `${baseUrl}/v1.0/$metadata#users('${organiserId}')/onlineMeetings`, value });
  }

  /** An event as Graph answers with it: without the fake's own bookkeeping. */
  private shown(organiserId: string, { threadId: _own, cancellationComment: _told, ...event }: GraphEvent, baseUrl: string) {
    return { '@odata.context': `${baseUrl}/v1.0/$metadata#users('${organiserId}')/events/$entity`, ...event, organizer: { emailAddress: { address: FakeTeamwork.mailOf(organiserId) } } };
  }

  private chatOf(userId: string, installation: string, { baseUrl }: GraphRequest, json: Json): void {
    const appId = [...(this.installedFor.get(userId) ?? [])].find((a) => installationId(userId, a) === installation);
    if (!appId) return json(404, notFound(`Installation ${installation}`));
    json(200, {
      '@odata.context': `${baseUrl}/v1.0/$metadata#chats/$entity`,
      id: this.chatIdOf(userId),
      topic: null,
      createdDateTime: '2026-01-01T08:00:00Z',
      lastUpdatedDateTime: '2026-01-01T08:00:00Z',
      chatType: 'oneOnOne',
      webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(this.chatIdOf(userId))}/0`,
      tenantId: 'tenant-albertslund'
    });
  }
}

interface GraphEvent {
  id: string;
  transactionId?: string;
  subject: string;
  body: { contentType: string; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  location: { displayName: string };
  attendees: { type: string; emailAddress: { address: string; name?: string } }[];
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  onlineMeeting: { joinUrl: string } | null;
  threadId: string;
  isCancelled?: boolean;
  /** What the organiser's cancellation told the attendees (the fake's bookkeeping). */
  cancellationComment?: string;
}

/** The catalog id an installation's `teamsApp@odata.bind` names. */
function boundApp(body: Buffer): string | undefined {
  const bind = parse(body)?.['teamsApp@odata.bind'];
  const catalogId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1] : undefined;
  return catalogId && decodeURIComponent(catalogId);
}

/** Graph's installation id: base64 of the scope and the app, not the catalog id. */
const installationId = (scopeId: string, appId: string) => Buffer.from(`${scopeId}##${appId}`).toString('base64');

/** A dateTimeTimeZone Graph accepts: a local date and time, and a zone. */
function validTime(value: { dateTime?: string; timeZone?: string } | undefined): boolean {
  return Boolean(value?.timeZone) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value?.dateTime ?? '');
}

function parse(body: Buffer): Record<string, unknown> | undefined {
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
