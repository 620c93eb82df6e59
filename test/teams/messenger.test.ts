import type { CloudAdapter } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { Messenger } from '../../src/teams/messenger';

/** A Bot Connector client that records what it is asked to do, made by a factory that counts. */
function connectors(failFirst = false) {
  const calls: string[] = [];
  let made = 0;
  const client = {
    conversations: {
      sendToConversation: async (conversationId: string, activity: any) => (calls.push(`send ${conversationId} ${activity.recipient?.id}`), { id: 'new-1' }),
      replyToActivity: async (conversationId: string, replyTo: string) => (calls.push(`reply ${conversationId} ${replyTo}`), { id: 'new-2' }),
      updateActivity: async (conversationId: string, activityId: string, activity: any) => (calls.push(`update ${conversationId} ${activityId} ${activity.id}`), {})
    }
  };
  const authentication = {
    createConnectorFactory: () => ({
      create: async () => {
        made++;
        if (failFirst && made === 1) throw new Error('no credentials yet');
        return client;
      }
    })
  } as unknown as BotFrameworkAuthentication;
  return { calls, made: () => made, messenger: new Messenger({} as CloudAdapter, '', authentication) };
}

const reference = (conversationId: string, activityId?: string) => ({
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  conversation: { id: conversationId } as any,
  user: { id: '29:lene', name: '' },
  bot: { id: '28:bot', name: '' },
  activityId
});

describe('sending into stored conversations', () => {
  it('keeps one Bot Connector client per service URL for every send and update', async () => {
    const { calls, made, messenger } = connectors();
    expect(await messenger.send(reference('a:lene'), 'Hej')).toBe('new-1');
    await messenger.update(reference('19:meeting'), 'card-1', { type: 'AdaptiveCard' } as any);
    expect(await messenger.send(reference('19:meeting', 'card-1'), 'Gemt')).toBe('new-2');
    expect(calls).toEqual(['send a:lene 29:lene', 'update 19:meeting card-1 card-1', 'reply 19:meeting card-1']);
    expect(made()).toBe(1);
  });

  it('makes the client again when making it failed, instead of keeping the failure', async () => {
    const { made, messenger } = connectors(true);
    await expect(messenger.send(reference('a:lene'), 'Hej')).rejects.toThrow('no credentials yet');
    expect(await messenger.send(reference('a:lene'), 'Hej')).toBe('new-1');
    expect(made()).toBe(2);
  });
});
