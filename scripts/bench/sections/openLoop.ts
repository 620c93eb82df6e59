import { BenchClient } from '../benchClient';
import { rounds, type Bench } from '../bench';
import { atMost, ms, roundsText, spread, times, type Row, type Section } from '../report';
import { percentile, ratiosOf, spreadOf } from '../stats';
import { latencyMs, openLoop, replayLane, walkingLane } from '../traffic';
import { musWalk, UNFINISHED } from '../walks';
import { appAndFloor } from './appAndFloor';

const RATES = [20, 50];

/**
 * 2. Latency at a fixed rate: turns arrive on a schedule whatever the bot is doing (open loop), so
 * latency is the bot's own and not the queue of a fixed number of senders. A round walks MUS
 * conversations on the app, rate × `openLoopLanesPerRate` at a time, and then posts the very same
 * activities to the floor bot on the very same schedule.
 */
export async function openLoopLatency(bench: Bench): Promise<Section> {
  const { app, floor } = await appAndFloor(bench);
  const walkLength = (await musWalk(bench.connector, UNFINISHED)).steps.length;
  const rows: Row[] = [];
  for (const rate of RATES) {
    const lanes = Math.max(1, Math.round(rate * bench.sizes.openLoopLanesPerRate));
    const turns = Math.ceil(lanes * walkLength * bench.sizes.openLoopWalkShare);
    const latencies = { app: [] as number[][], floor: [] as number[][] };
    for (const { counted } of rounds(bench, `2. open loop at ${rate} turns/s`)) {
      const clients = Array.from({ length: lanes }, () => new BenchClient(app.url, bench.connector));
      const onApp = await openLoop(rate, clients.map((c) => walkingLane(c, () => musWalk(bench.connector, UNFINISHED))), (i) => i < turns);
      const onFloor = await openLoop(rate, clients.map((c) => replayLane(new BenchClient(floor.url, bench.connector), c.turns)), (i) => i < turns);
      if (!counted) continue;
      latencies.app.push(onApp.map(latencyMs));
      latencies.floor.push(onFloor.map(latencyMs));
    }
    rows.push(...latencyRows(rate, latencies.app, latencies.floor));
  }
  return {
    title: '2. Latency at a fixed rate (open loop)',
    method: `Turns of MUS walks arriving on a fixed schedule at each rate, latency counted from when each was due; the floor bot gets the same activities on the same schedule. p50: ${roundsText(bench.sizes.rounds)}, and the median of each round's ratio; p99: over all rounds' turns together.`,
    rows
  };
}

function latencyRows(rate: number, app: number[][], floor: number[][]): Row[] {
  const p50 = (byRound: number[][]) => byRound.map((r) => percentile(r, 50));
  const p99 = (byRound: number[][]) => percentile(byRound.flat(), 99);
  const ratio50 = spreadOf(ratiosOf(p50(app), p50(floor)));
  const ratio99 = p99(app) / p99(floor);
  return [
    { measure: `${rate} turns/s: p50`, app: spread(spreadOf(p50(app)), ' ms'), baseline: spread(spreadOf(p50(floor)), ' ms'), ratio: times(ratio50), target: atMost(ratio50, 1.25) },
    { measure: `${rate} turns/s: p99 (${app.flat().length} turns)`, app: ms(p99(app)), baseline: ms(p99(floor)), ratio: `${ratio99.toFixed(2)}×`, target: atMost(ratio99, 1.5) }
  ];
}
