import type { FakeConnector, TeamsUser } from './fakeConnector';

export interface Chat {
  id: string;
  type: 'personal' | 'groupChat';
}

export const TENANT = 'tenant-albertslund';

/** Every Action.Execute in a card, wherever it sits (card actions, action sets, nested containers). */
export function actionsOf(card: any): any[] {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute') found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The value every input on a card holds before anyone types: what Teams submits untouched. */
export function inputsOf(card: any): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id) values[node.id] = String(node.value ?? '');
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return values;
}

/** Everything a person reads on a card: text blocks, facts, choice titles, input values. */
export function textOf(card: any): string {
  const parts: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const key of ['text', 'title', 'value', 'label']) if (typeof node[key] === 'string') parts.push(node[key]);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  // Shown as Teams shows it: Markdown escapes are not part of what a person reads.
  return parts.join('\n').replace(/\\([\\`*_~[\]#>+\-.)])/g, '$1');
}

export interface InvokeResult {
  status: number;
  card: any;
}

/**
 * Plays Teams clients: posts real Bot Framework activities to the bot's /api/messages, as the
 * Teams service would, with the acting user's identity in `from`.
 */
export class TeamsClient {
  /** The Bot Connector's bearer token for requests to the bot, where the bot checks them. */
  token?: string;
  /** Every invoke's round trip (ms) and the size of its answer as Teams counts it (UTF-16 bytes), in order. */
  readonly invokes: { name: string; verb?: string; ms: number; bytes: number }[] = [];

  constructor(private readonly botUrl: string, private readonly connector: FakeConnector, private readonly tenant = TENANT) {}

  private activity(user: TeamsUser, chat: Chat, extra: Record<string, unknown>) {
    return {
      id: `in-${Math.random().toString(36).slice(2)}`,
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      timestamp: new Date().toISOString(),
      locale: 'da-DK',
      from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
      recipient: { id: '28:bot', name: 'Udviklingssamtale' },
      conversation: { id: chat.id, conversationType: chat.type, tenantId: this.tenant, isGroup: chat.type !== 'personal' },
      channelData: { tenant: { id: this.tenant } },
      ...extra
    };
  }

  async post(activity: any): Promise<{ status: number; body: any }> {
    if (activity?.conversation?.id && activity.id) this.connector.noteIncoming(activity.conversation.id, activity.id);
    const res = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify(activity)
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async say(user: TeamsUser, chat: Chat, text: string): Promise<void> {
    const mention = chat.type === 'personal' ? '' : '<at>Udviklingssamtale</at> ';
    const entities = chat.type === 'personal' ? [] : [{ type: 'mention', text: '<at>Udviklingssamtale</at>', mentioned: { id: '28:bot', name: 'Udviklingssamtale' } }];
    const { status } = await this.post(this.activity(user, chat, { type: 'message', text: `${mention}${text}`, entities }));
    if (status >= 300) throw new Error(`message refused: ${status}`);
  }

  /**
   * Presses a button as Teams does: the action's data merged with every input's value — what the
   * card showed, unless the person changed it (`typed`) — or no inputs where the action says so.
   */
  async press(user: TeamsUser, chat: Chat, activityId: string, card: any, verb: string, typed: Record<string, unknown> = {}, which: (action: any) => boolean = () => true): Promise<InvokeResult> {
    const action = actionsOf(card).find((a) => a.verb === verb && which(a));
    if (!action) throw new Error(`no ${verb} button on the card:\n${textOf(card)}`);
    if (action.isEnabled === false) throw new Error(`the ${verb} button is disabled:\n${textOf(card)}`);
    const inputs = action.associatedInputs === 'none' ? {} : { ...inputsOf(card), ...typed };
    return this.execute(user, chat, activityId, verb, { ...action.data, ...inputs });
  }

  /** Sends an Action.Execute invoke with any data: what a modified or replayed card could send (or Teams' own refresh: `automatic`). */
  async execute(user: TeamsUser, chat: Chat, activityId: string, verb: string, data: unknown, trigger: 'manual' | 'automatic' = 'manual'): Promise<InvokeResult> {
    const { status, body } = await this.invoke(user, chat, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb, data }, trigger }, { replyToId: activityId });
    return { status, card: body?.value };
  }

  /** Sends any invoke activity (such as Teams' `signin/tokenExchange`); the bot's invoke response is the body. */
  async invoke(user: TeamsUser, chat: Chat, name: string, value: any, extra: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
    const started = Date.now();
    const answer = await this.post(this.activity(user, chat, { type: 'invoke', name, value, ...extra }));
    this.invokes.push({ name, verb: value?.action?.verb, ms: Date.now() - started, bytes: JSON.stringify(answer.body ?? '').length * 2 });
    return answer;
  }
}

/** Selects the button that sits with a given text, such as "Redigér" beside one agreement. */
export function nextTo(card: any, text: string): (action: any) => boolean {
  const containers: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Container' && textOf(node).includes(text) && actionsOf(node).length > 0) containers.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  const smallest = containers.sort((a, b) => JSON.stringify(a).length - JSON.stringify(b).length)[0];
  return (action) => smallest !== undefined && actionsOf(smallest).includes(action);
}
