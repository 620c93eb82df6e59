import { FakeConnector, type TeamsUser } from '../../test/support/fakeConnector';
import { lene, soeren } from '../../test/support/scenario';

/**
 * The fake Bot Connector in a process of its own (forked with an IPC channel), so that answering
 * the bots' sends neither competes with the benchmark's clients in one event loop nor is counted
 * as anyone's CPU. It knows Lene and Søren; the parent adds other people and chats, and asks for the first card a bot posted into
 * a chat (the card a Teams user then presses). What the bots send is otherwise forgotten: a run
 * posts hundreds of thousands of cards.
 */
export type ConnectorRequest =
  | { op: 'addUsers'; users: TeamsUser[] }
  | { op: 'addConversation'; conversationId: string; members: TeamsUser[] }
  | { op: 'noteIncoming'; conversationId: string; activityId: string }
  | { op: 'takeFirst'; conversationId: string };

const connector = new FakeConnector([lene, soeren]);
// The bench measures the bots, not the fake: no latency and no rate limits (Teams' size limit stays,
// as a card over it would be a failure, not a cost).
connector.behaviour = { ...connector.behaviour, latencyMs: 0, tenantPerSecond: Infinity, threadWindows: [] };
const firstActivities = new Map<string, { activityId: string; activity?: Record<string, unknown> }>();
connector.hold = (posted) => {
  if (!firstActivities.has(posted.conversationId)) firstActivities.set(posted.conversationId, { activityId: posted.activityId, activity: posted.activity });
  return false;
};
setInterval(() => (connector.posted.length = 0), 1000);

function answer(request: ConnectorRequest): unknown {
  switch (request.op) {
    case 'addUsers':
      connector.users.push(...request.users);
      return undefined;
    case 'addConversation':
      connector.addConversation(request.conversationId, request.members);
      return undefined;
    case 'noteIncoming':
      connector.noteIncoming(request.conversationId, request.activityId);
      return undefined;
    case 'takeFirst': {
      // Handed out once: the runner presses it right away, and a card kept for every chat would fill the memory.
      const first = firstActivities.get(request.conversationId);
      if (!first) return undefined;
      const { activity } = first;
      delete first.activity;
      return { activityId: first.activityId, activity };
    }
  }
}

process.on('message', (message: { id: number; request: ConnectorRequest }) => {
  const result = answer(message.request);
  if (message.id !== 0) process.send!({ id: message.id, result });
});
process.on('disconnect', () => process.exit(0));
void connector.start().then(() => process.send!({ url: connector.url }));
