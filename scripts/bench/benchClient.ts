import type { FakeConnector } from '../../test/support/fakeConnector';
import { TeamsClient } from '../../test/support/teamsClient';
import type { RemoteConnector } from './remoteConnector';

/** What a turn is, as the benchmark tells them apart. */
export type TurnKind = 'form' | 'create' | 'pick' | 'reveal' | 'start' | 'next' | 'note' | 'agreement' | 'finish';

export interface PostedTurn {
  kind: TurnKind;
  activity: unknown;
  /** process.hrtime.bigint() when the request went out and when the answer was read. */
  sentAt: bigint;
  answeredAt: bigint;
}

let clients = 0;

/**
 * Plays Teams (test/support/teamsClient.ts) and keeps every activity it posts with the kind of
 * turn it is, so the very same activities can be posted to a baseline bot afterwards. Each client
 * is a tenant of its own: the app paces its Bot Connector calls within Teams' limit per tenant
 * (TEAMS_RATE_PER_SECOND), and the bench's load, hundreds of turns a second, is many
 * municipalities' load, not one's.
 */
export class BenchClient extends TeamsClient {
  kind: TurnKind = 'form';
  readonly turns: PostedTurn[] = [];
  /** The card the bot answered the latest card action of each kind with. */
  readonly cards = new Map<TurnKind, unknown>();

  constructor(botUrl: string, connector: Pick<RemoteConnector, 'url'>) {
    // TeamsClient reads only the connector's url, for the activities' serviceUrl.
    super(botUrl, connector as unknown as FakeConnector, `tenant-bench-${process.pid}-${++clients}`);
  }

  async post(activity: unknown): Promise<{ status: number; body: any }> {
    const sentAt = process.hrtime.bigint();
    const answer = await super.post(activity);
    this.turns.push({ kind: this.kind, activity, sentAt, answeredAt: process.hrtime.bigint() });
    if (answer.status >= 300) throw new Error(`a ${this.kind} turn was answered with ${answer.status}`);
    if (answer.body?.value) this.cards.set(this.kind, answer.body.value);
    return answer;
  }

  /** The latest turn's time from request to answer, in ms. */
  lastMs(): number {
    const last = this.turns[this.turns.length - 1];
    return Number(last.answeredAt - last.sentAt) / 1e6;
  }
}
