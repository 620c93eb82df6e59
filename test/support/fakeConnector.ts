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
 * A fake Bot Connector service on 127.0.0.1: it receives what the bot sends (new activities,
 * replies, updates) and answers the Teams calls the bot makes (create a 1:1 conversation, get a
 * member, list members), in the Bot Framework REST wire format.
 */
export class FakeConnector {
  readonly posted: Posted[] = [];
  /** People the bot cannot write to, as in Teams when the app is not installed or was removed. */
  readonly unreachable = new Set<string>();
  /** New messages this picks are received but never answered, as if the bot died mid-send. */
  hold: (posted: Posted) => boolean = () => false;
  private readonly members = new Map<string, TeamsUser[]>();
  private server?: Server;
  private counter = 0;

  constructor(readonly users: TeamsUser[]) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  addConversation(conversationId: string, members: TeamsUser[]): void {
    this.members.set(conversationId, members);
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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    let match: RegExpExecArray | null;

    if (req.method === 'POST' && path === '/v3/conversations') {
      const memberId: string = body.members?.[0]?.id;
      const user = this.users.find((u) => u.aadObjectId === memberId || u.id === memberId);
      if (!user) return reply(404, { error: { code: 'NotFound', message: 'member not found' } });
      if (this.unreachable.has(user.aadObjectId)) {
        return reply(403, { error: { code: 'Forbidden', message: 'The bot is not part of the conversation roster.' } });
      }
      const id = this.personalChatOf(user);
      this.members.set(id, [user]);
      return reply(201, { id });
    }
    if ((match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path))) {
      const [, conversationId, existing] = match;
      if (req.method === 'PUT' && existing) {
        this.posted.push({ method: 'PUT', conversationId, activityId: existing, activity: body });
        return reply(200, { id: existing });
      }
      if (req.method === 'POST') {
        const gone = this.users.find((u) => this.unreachable.has(u.aadObjectId) && this.personalChatOf(u) === conversationId);
        if (gone) return reply(403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
        const activityId = `act-${++this.counter}`;
        const posted: Posted = { method: 'POST', conversationId, activityId, activity: body };
        this.posted.push(posted);
        if (this.hold(posted)) return;
        return reply(201, { id: activityId });
      }
    }
    if (req.method === 'GET' && (match = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path))) {
      const member = (this.members.get(match[1]) ?? []).find((m) => m.id === match![2] || m.aadObjectId === match![2]);
      return member ? reply(200, member) : reply(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
    }
    if (req.method === 'GET' && (match = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(path))) {
      return reply(200, { members: this.members.get(match[1]) ?? [] });
    }
    reply(404, { error: { code: 'BadSyntax', message: `${req.method} ${path} is not served by the fake connector` } });
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
