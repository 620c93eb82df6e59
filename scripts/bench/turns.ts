import { spawn } from 'child_process';
import { join } from 'path';
import { projectRoot } from '../../src/paths';
import { freePort, startBot } from '../../test/support/botProcess';
import { FakeConnector } from '../../test/support/fakeConnector';
import { createMus, lene, pickAndStart, sharedCard, soeren } from '../../test/support/scenario';
import { TeamsClient, type Chat } from '../../test/support/teamsClient';
import { msSince, percentile } from './stats';

export interface TurnStats {
  turns: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

/** A Teams client that times every activity it posts and keeps it, to replay the same traffic elsewhere. */
class RecordingClient extends TeamsClient {
  readonly posted: unknown[] = [];
  readonly latencies: number[] = [];

  async post(activity: unknown): Promise<{ status: number; body: any }> {
    const start = process.hrtime.bigint();
    const answer = await super.post(activity);
    this.latencies.push(msSince(start));
    this.posted.push(activity);
    if (answer.status >= 300) throw new Error(`turn refused with ${answer.status}`);
    return answer;
  }
}

/** One MUS walked as the meeting would: create, both pick, start, a note on every question, three agreements. */
async function walkMus(client: TeamsClient, connector: FakeConnector, n: number): Promise<void> {
  const chat: Chat = { id: `19:bench-${n}@thread.v2`, type: 'groupChat' };
  connector.addConversation(chat.id, [lene, soeren]);
  const cid = await createMus(client, connector, '2030-03-14', chat);
  await pickAndStart(client, connector, cid, chat);
  const home = sharedCard(connector, chat).id;
  const agreementsAt: Record<number, string> = { 4: 'adfaerd', 8: 'struktur', 12: 'opgaver' };
  for (let step = 0; step <= 12; step++) {
    const perspectiveId = agreementsAt[step];
    if (perspectiveId) {
      await client.execute(lene, chat, home, 'agreement.save', {
        cid, perspectiveId, what: `Aftale om ${perspectiveId}`, when: 'Inden sommerferien', responsibleId: soeren.aadObjectId, followUpDate: '2030-06-01'
      });
    }
    const note = step > 0 && !perspectiveId ? { note: `Noter til trin ${step}: trives, vil gerne have mere sparring.`, noteBase: '' } : {};
    await client.execute(step % 2 ? soeren : lene, chat, home, 'session.next', { cid, atStep: step, ...note });
  }
}

function statsOf(rounds: { latencies: number[]; wallMs: number }[]): TurnStats {
  const latencies = rounds.flatMap((r) => r.latencies);
  const wallMs = rounds.reduce((sum, r) => sum + r.wallMs, 0);
  return { turns: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), perSecond: latencies.length / (wallMs / 1000) };
}

/**
 * The app under `conversations` MUS walked at once, and the very same activities replayed, with
 * the same concurrency, against a bare echo bot; both post to one fake Bot Connector on
 * 127.0.0.1. After a round that warms both up, the two take turns for `rounds` rounds and each
 * one's latencies are pooled, so a burst of noise on this shared machine falls on both rather than
 * on whichever ran at the time.
 */
export async function measureTurns(conversations: number, rounds: number, profileDir?: string): Promise<{ app: TurnStats; echo: TurnStats }> {
  const connector = new FakeConnector([lene, soeren]);
  await connector.start();
  const bot = await startBot({ nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
  const echo = await startEchoBot();
  try {
    // The first round warms both up (code compiled, connections open, folders made) and is not counted.
    const appRounds: { latencies: number[]; wallMs: number }[] = [];
    const echoRounds: { latencies: number[]; wallMs: number }[] = [];
    for (let round = -1; round < rounds; round++) {
      const clients = Array.from({ length: conversations }, () => new RecordingClient(bot.url, connector));
      const start = process.hrtime.bigint();
      await Promise.all(clients.map((client, n) => walkMus(client, connector, (round + 1) * conversations + n)));
      const app = { latencies: clients.flatMap((c) => c.latencies), wallMs: msSince(start) };
      connector.posted.length = 0; // the fake keeps what it receives; only the bots are measured
      const echoRound = await replay(echo.url, clients.map((c) => c.posted));
      if (round >= 0) {
        appRounds.push(app);
        echoRounds.push(echoRound);
      }
    }
    return { app: statsOf(appRounds), echo: statsOf(echoRounds) };
  } finally {
    await bot.stop('SIGTERM'); // lets a CPU profile be written
    echo.stop();
    await connector.stop();
  }
}

async function startEchoBot(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(projectRoot, 'dist', 'scripts', 'bench', 'echoBot.js')], { env: { PATH: process.env.PATH, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d) => String(d).includes('listening') && resolve()));
  return { url: `http://127.0.0.1:${port}/api/messages`, stop: () => child.kill('SIGKILL') };
}

/** Posts each sequence in order, all sequences at once, as the app's clients did. */
async function replay(url: string, sequences: unknown[][]): Promise<{ latencies: number[]; wallMs: number }> {
  const post = async (activity: unknown) => {
    const started = process.hrtime.bigint();
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    await res.text();
    if (res.status >= 300) throw new Error(`echo bot answered ${res.status}`);
    return msSince(started);
  };
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  await Promise.all(sequences.map(async (sequence) => {
    for (const activity of sequence) latencies.push(await post(activity));
  }));
  return { latencies, wallMs: msSince(start) };
}
