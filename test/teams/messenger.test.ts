import type { CloudAdapter } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { withRetries } from '../../src/teams/connectorRetries';
import { ActivityTooLargeError, Messenger } from '../../src/teams/messenger';

const limits = {
  retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 2000 },
  pace: { tenant: [{ windowMs: 1000, max: 1000 }], thread: [{ windowMs: 1000, max: 1000 }] }
};

/** A failure as the Bot Connector client reports it: the status, and the answer's headers. */
const failure = (status: number, retryAfter?: string) =>
  Object.assign(new Error(`status ${status}`), { statusCode: status, response: { status, headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } } });

/** A Bot Connector client that records what it is asked to do, made by a factory that counts. */
function connectors(options: { failFirst?: boolean; failures?: Error[] } = {}) {
  const calls: string[] = [];
  const removed: unknown[] = [];
  const failures = [...(options.failures ?? [])];
  let made = 0;
  const answer = <T>(value: T) => {
    const next = failures.shift();
    return next ? Promise.reject(next) : Promise.resolve(value);
  };
  const client = {
    client: { pipeline: { removePolicy: (o: unknown) => void removed.push(o) } },
    conversations: {
      sendToConversation: async (conversationId: string, activity: any) => (calls.push(`send ${conversationId} ${activity.recipient?.id} ${activity.replyToId ?? '-'}`), answer({ id: 'new-1' })),
      replyToActivity: async (conversationId: string, replyTo: string) => (calls.push(`reply ${conversationId} ${replyTo}`), answer({ id: 'new-2' })),
      updateActivity: async (conversationId: string, activityId: string, activity: any) => (calls.push(`update ${conversationId} ${activityId} ${activity.id}`), answer({})),
      createConversation: async (parameters: any) => (calls.push(`create ${parameters.members[0].id} ${parameters.tenantId}`), answer({ id: 'a:new-chat' }))
    }
  };
  const authentication = {
    createConnectorFactory: () => ({
      create: async () => {
        made++;
        if (options.failFirst && made === 1) throw new Error('no credentials yet');
        return client;
      }
    })
  } as unknown as BotFrameworkAuthentication;
  return { calls, removed, made: () => made, messenger: new Messenger({} as CloudAdapter, '', authentication, limits) };
}

const reference = (conversationId: string, activityId?: string) => ({
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  conversation: { id: conversationId, tenantId: 'tenant' } as any,
  user: { id: '29:lene', name: '' },
  bot: { id: '28:bot', name: '' },
  activityId
});

describe('sending into stored conversations', () => {
  it('keeps one Bot Connector client per service URL, without its built-in retries, for every send and update', async () => {
    const { calls, made, removed, messenger } = connectors();
    expect(await messenger.send(reference('a:lene'), 'Hej')).toBe('new-1');
    await messenger.update(reference('19:meeting'), 'card-1', { type: 'AdaptiveCard' } as any);
    expect(made()).toBe(1);
    expect(removed).toEqual([{ phase: 'Retry' }]);
    expect(calls).toEqual(['send a:lene 29:lene -', 'update 19:meeting card-1 card-1']);
  });

  it('sends a new message, never a reply, so no activity id of another chat goes with it', async () => {
    const { calls, messenger } = connectors();
    await messenger.send(reference('a:lene', 'act-of-the-meeting-chat'), 'Hej');
    expect(calls).toEqual(['send a:lene 29:lene -']);
  });

  it('opens a 1:1 chat without the activity id of the chat it was opened from', async () => {
    const { calls, messenger } = connectors();
    const chat = await messenger.openPersonalChat(reference('19:meeting', 'act-7'), 'tenant', '29:soeren');
    expect(calls).toEqual(['create 29:soeren tenant']);
    expect(chat).toMatchObject({ conversation: { id: 'a:new-chat', conversationType: 'personal' }, user: { id: '29:soeren' } });
    expect(chat).not.toHaveProperty('activityId');
  });

  it('makes the client again when making it failed, instead of keeping the failure', async () => {
    const { made, messenger } = connectors({ failFirst: true });
    await expect(messenger.send(reference('a:lene'), 'Hej')).rejects.toThrow('no credentials yet');
    expect(await messenger.send(reference('a:lene'), 'Hej')).toBe('new-1');
    expect(made()).toBe(2);
  });

  it('tries again after throttling and passing failures, and gives up after the bound', async () => {
    const passing = connectors({ failures: [failure(429, '0'), failure(503), failure(412)] });
    expect(await passing.messenger.send(reference('a:lene'), 'Hej')).toBe('new-1');
    expect(passing.calls).toHaveLength(4);
    const failing = connectors({ failures: [failure(502), failure(504), failure(503), failure(502), failure(502)] });
    await expect(failing.messenger.send(reference('a:lene'), 'Hej')).rejects.toMatchObject({ statusCode: 502 });
    expect(failing.calls).toHaveLength(4);
  });

  it('does not try again what Teams refused for good', async () => {
    for (const status of [400, 403, 404, 413]) {
      const { calls, messenger } = connectors({ failures: [failure(status)] });
      await expect(messenger.send(reference('a:lene'), 'Hej')).rejects.toMatchObject({ statusCode: status });
      expect(calls).toHaveLength(1);
    }
  });

  it('does not send an activity over the 80 KB budget, counted as Teams does (UTF-16)', async () => {
    const { calls, messenger } = connectors();
    await expect(messenger.send(reference('a:lene'), 'æ'.repeat(41 * 1024))).rejects.toBeInstanceOf(ActivityTooLargeError);
    expect(calls).toEqual([]);
    expect(await messenger.send(reference('a:lene'), 'æ'.repeat(38 * 1024))).toBe('new-1');
  });
});

describe('waiting before trying again', () => {
  it('waits as long as Retry-After asks on 429, and gives up when it asks for longer than the longest pause', async () => {
    const pauses: number[] = [];
    const sleep = async (ms: number) => void pauses.push(ms);
    let n = 0;
    await withRetries({ attempts: 3, baseDelayMs: 100, maxDelayMs: 5000 }, async () => (n++ === 0 ? Promise.reject(failure(429, '2')) : 'ok'), sleep);
    expect(pauses).toEqual([2000]);
    await expect(withRetries({ attempts: 3, baseDelayMs: 100, maxDelayMs: 5000 }, () => Promise.reject(failure(429, '60')), sleep)).rejects.toMatchObject({ statusCode: 429 });
  });

  it('spreads the pauses after a failure with jitter, each within the doubling bound', async () => {
    const pauses: number[] = [];
    const sleep = async (ms: number) => void pauses.push(ms);
    await expect(withRetries({ attempts: 5, baseDelayMs: 100, maxDelayMs: 250 }, () => Promise.reject(failure(503)), sleep)).rejects.toMatchObject({ statusCode: 503 });
    expect(pauses).toHaveLength(4);
    pauses.forEach((pause, i) => expect(pause).toBeLessThanOrEqual(Math.min(250, 100 * 2 ** i)));
    expect(new Set(pauses).size).toBeGreaterThan(1);
  });
});
