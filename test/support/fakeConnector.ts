import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

/** A Teams user as the Bot Connector describes them. */
export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export interface Posted {
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId: string;
  activity: Record<string, any>;
}

/**
 * What Teams does to a bot's calls, as documented for the Bot Connector: activities over 100 KB
 * (counted as UTF-16, the whole activity) are refused with 413 MessageSizeTooBig; requests are
 * rate limited per app per tenant and per conversation (thread) with 429 and Retry-After; calls
 * take time. Every test runs with these on; a test may tighten or loosen them.
 */
export interface TeamsBehaviour {
  maxActivityBytes: number;
  /** Each answer waits this long. */
  latencyMs: number;
  /** Requests per second per app per tenant, all kinds together. */
  tenantPerSecond: number;
  /** Sends, updates and 1:1-chat creations per conversation: at most `max` in any `windowMs`. */
  threadWindows: { windowMs: number; max: number }[];
  /** A share (0–1) of sends, updates and chat creations fail once like this, at random. */
  transient?: { share: number; status: 429 | 412 | 502 | 503 | 504 };
}

export const teamsBehaviour: TeamsBehaviour = {
  maxActivityBytes: 100 * 1024,
  latencyMs: 5,
  tenantPerSecond: 50,
  threadWindows: [
    { windowMs: 1000, max: 7 },
    { windowMs: 2000, max: 8 },
    { windowMs: 30_000, max: 60 }
  ]
};

/** An activity's size as Teams counts it: its JSON as UTF-16. */
export const activityBytes = (activity: unknown): number => JSON.stringify(activity).length * 2;

/**
 * A fake Bot Connector service on 127.0.0.1: it receives what the bot sends (new activities,
 * replies, updates) and answers the Teams calls the bot makes (create a 1:1 conversation, get a
 * member, list members), in the Bot Framework REST wire format and with Teams' limits.
 */
export class FakeConnector {
  readonly posted: Posted[] = [];
  /** Every call the bot made, answered or refused: method, path and status. */
  readonly calls: { method: string; path: string; status: number; at: number }[] = [];
  /** People the bot cannot write to, as in Teams when the app is not installed or was removed. */
  readonly unreachable = new Set<string>();
  /** Group chats the bot is not in (a meeting's chat before the app is installed there): it may not post. */
  readonly closedChats = new Set<string>();
  /** New messages this picks are received but never answered, as if the bot died mid-send. */
  hold: (posted: Posted) => boolean = () => false;
  behaviour: TeamsBehaviour = { ...teamsBehaviour };
  private readonly members = new Map<string, TeamsUser[]>();
  /** Activity ids each conversation holds (the bot's and the users'), for replies. */
  private readonly activities = new Map<string, Set<string>>();
  private readonly tenantCalls: number[] = [];
  private readonly threadCalls = new Map<string, number[]>();
  private server?: Server;
  private counter = 0;

  constructor(readonly users: TeamsUser[]) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  addConversation(conversationId: string, members: TeamsUser[]): void {
    this.members.set(conversationId, members);
  }

  /** A user's message or action in a conversation: the bot may reply to it there. */
  noteIncoming(conversationId: string, activityId: string): void {
    this.activityIdsOf(conversationId).add(activityId);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The activities the bot sent into a conversation, oldest first. */
  sentTo(conversationId: string): Posted[] {
    return this.posted.filter((p) => p.conversationId === conversationId && p.method === 'POST');
  }

  /** The card an activity shows now, after any updates. */
  currentCard(conversationId: string, activityId: string): any {
    const versions = this.posted.filter((p) => p.conversationId === conversationId && p.activityId === activityId);
    return cardOf(versions[versions.length - 1]?.activity);
  }

  personalChatOf(user: TeamsUser): string {
    return `a:personal-${user.aadObjectId}`;
  }

  /** Calls answered 429 so far. */
  throttled(): number {
    return this.calls.filter((c) => c.status === 429).length;
  }

  private activityIdsOf(conversationId: string): Set<string> {
    let ids = this.activities.get(conversationId);
    if (!ids) this.activities.set(conversationId, (ids = new Set()));
    return ids;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ method: req.method ?? '', path, status, at: Date.now() });
      setTimeout(() => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      }, this.behaviour.latencyMs);
    };
    const refused = (status: number, code: string, message: string) =>
      reply(status, { error: { code, message } }, status === 429 ? { 'Retry-After': '1' } : {});
    let match: RegExpExecArray | null;

    const throttled = this.overTenantRate();
    if (throttled) return refused(429, 'TooManyRequests', 'Too many requests for this app in this tenant.');

    if (req.method === 'POST' && path === '/v3/conversations') {
      const memberId: string = body.members?.[0]?.id;
      const user = this.users.find((u) => u.aadObjectId === memberId || u.id === memberId);
      if (!user) return refused(404, 'NotFound', 'member not found');
      const id = this.personalChatOf(user);
      const limited = this.transientOrThreadLimit(id);
      if (limited) return refused(limited.status, limited.code, limited.message);
      if (this.unreachable.has(user.aadObjectId)) return refused(403, 'Forbidden', 'The bot is not part of the conversation roster.');
      this.members.set(id, [user]);
      return reply(201, { id });
    }
    if ((match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path))) {
      const [, conversationId, existing] = match;
      if (req.method !== 'PUT' && req.method !== 'POST') return refused(405, 'BadSyntax', 'method not allowed');
      const limited = this.transientOrThreadLimit(conversationId);
      if (limited) return refused(limited.status, limited.code, limited.message);
      if (activityBytes(body) > this.behaviour.maxActivityBytes) return refused(413, 'MessageSizeTooBig', 'Activity is too large.');
      const known = this.activityIdsOf(conversationId);
      if (req.method === 'PUT' && existing) {
        if (!known.has(existing)) return refused(404, 'ActivityNotFoundInConversation', 'Unknown activity id.');
        this.posted.push({ method: 'PUT', conversationId, activityId: existing, activity: body });
        return reply(200, { id: existing });
      }
      // A reply names an activity of the same conversation: an id from another one is refused, as Teams does.
      const replyTo = existing ?? body.replyToId;
      if (replyTo && !known.has(replyTo)) return refused(400, 'BadArgument', `replyToId ${replyTo} is not an activity of this conversation`);
      const gone = this.closedChats.has(conversationId) || this.users.find((u) => this.unreachable.has(u.aadObjectId) && this.personalChatOf(u) === conversationId);
      if (gone) return refused(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');
      const activityId = `act-${++this.counter}`;
      known.add(activityId);
      const posted: Posted = { method: 'POST', conversationId, activityId, activity: body };
      this.posted.push(posted);
      if (this.hold(posted)) return;
      return reply(201, { id: activityId });
    }
    if (req.method === 'GET' && (match = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path))) {
      const member = (this.members.get(match[1]) ?? []).find((m) => m.id === match![2] || m.aadObjectId === match![2]);
      return member ? reply(200, member) : refused(404, 'MemberNotFoundInConversation', 'not found');
    }
    if (req.method === 'GET' && (match = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(path))) {
      return reply(200, { members: this.members.get(match[1]) ?? [] });
    }
    refused(404, 'BadSyntax', `${req.method} ${path} is not served by the fake connector`);
  }

  /** True when this request would exceed the app's requests per second in the tenant. */
  private overTenantRate(): boolean {
    const now = Date.now();
    while (this.tenantCalls.length && this.tenantCalls[0] <= now - 1000) this.tenantCalls.shift();
    if (this.tenantCalls.length >= this.behaviour.tenantPerSecond) return true;
    this.tenantCalls.push(now);
    return false;
  }

  /** A random transient failure, or 429 when the conversation's own limits are exceeded. */
  private transientOrThreadLimit(conversationId: string): { status: number; code: string; message: string } | undefined {
    const transient = this.behaviour.transient;
    if (transient && Math.random() < transient.share) return { status: transient.status, code: transient.status === 429 ? 'TooManyRequests' : 'ServiceError', message: 'transient failure' };
    const now = Date.now();
    const calls = this.threadCalls.get(conversationId) ?? [];
    const longest = Math.max(...this.behaviour.threadWindows.map((w) => w.windowMs));
    const recent = calls.filter((at) => at > now - longest);
    if (this.behaviour.threadWindows.some((w) => recent.filter((at) => at > now - w.windowMs).length >= w.max)) {
      return { status: 429, code: 'TooManyRequests', message: 'Too many requests in this conversation.' };
    }
    this.threadCalls.set(conversationId, [...recent, now]);
    return undefined;
  }
}

export function cardOf(activity: Record<string, any> | undefined): any {
  return activity?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

function readBody(req: IncomingMessage): Promise<any> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(text ? JSON.parse(text) : {});
    });
  });
}
