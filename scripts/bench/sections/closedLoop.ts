import { BenchClient } from '../benchClient';
import { rounds, type Bench } from '../bench';
import { cpuMs } from '../cpu';
import { atLeast, roundsText, spread, times, type Section } from '../report';
import { ratiosOf, spreadOf } from '../stats';
import { closedLoop, replayLane, walkingLane, type Lane } from '../traffic';
import { musWalk, UNFINISHED } from '../walks';
import { appAndFloor } from './appAndFloor';

interface Saturated {
  perSecond: number;
  cpuPerTurn: number;
}

/** Turns per second a bot answers with every lane sending its next turn as soon as its last is answered, and its CPU per turn meanwhile. */
async function saturate(pid: number, lanes: Lane[], turnsPerLane: number): Promise<Saturated> {
  const before = cpuMs(pid);
  const { turns, wallMs } = await closedLoop(lanes, turnsPerLane);
  return { perSecond: turns / (wallMs / 1000), cpuPerTurn: (cpuMs(pid) - before) / turns };
}

/**
 * 3. Capacity: `closedLoopSenders` senders each walk a MUS as fast as the app answers; then the
 * floor bot gets the very same activities from as many senders. Throughput is turns per second
 * of wall time, the one figure here a busy machine can move; the rounds alternate.
 */
export async function capacity(bench: Bench): Promise<Section> {
  const senders = bench.sizes.closedLoopSenders;
  const { app, floor } = await appAndFloor(bench);
  const walkLength = (await musWalk(bench.connector, UNFINISHED)).steps.length;
  const measured = { app: [] as Saturated[], floor: [] as Saturated[] };
  for (const { counted } of rounds(bench, `3. closed loop, ${senders} senders`)) {
    const clients = Array.from({ length: senders }, () => new BenchClient(app.url, bench.connector));
    const onApp = await saturate(app.pid, clients.map((c) => walkingLane(c, () => musWalk(bench.connector, UNFINISHED))), walkLength);
    const onFloor = await saturate(floor.pid, clients.map((c) => replayLane(new BenchClient(floor.url, bench.connector), c.turns)), walkLength);
    if (!counted) continue;
    measured.app.push(onApp);
    measured.floor.push(onFloor);
  }
  const perSecond = (r: Saturated[]) => r.map((x) => x.perSecond);
  const cpu = (r: Saturated[]) => r.map((x) => x.cpuPerTurn);
  const ratio = spreadOf(ratiosOf(perSecond(measured.app), perSecond(measured.floor)));
  return {
    title: '3. Capacity (closed loop)',
    method: `${senders} senders, each walking a MUS and sending its next turn as soon as the last is answered; the floor bot gets the same activities from as many senders. Rounds: ${roundsText(bench.sizes.rounds)}.`,
    rows: [
      { measure: `throughput, turns/s (${senders} senders)`, app: spread(spreadOf(perSecond(measured.app))), baseline: spread(spreadOf(perSecond(measured.floor))), ratio: times(ratio), target: atLeast(ratio, 0.8) },
      { measure: 'context: CPU per turn under that load', app: spread(spreadOf(cpu(measured.app)), ' ms'), baseline: spread(spreadOf(cpu(measured.floor)), ' ms'), ratio: times(spreadOf(ratiosOf(cpu(measured.app), cpu(measured.floor)))) }
    ]
  };
}
