import { lene } from '../../../test/support/scenario';
import { BenchClient, type TurnKind } from '../benchClient';
import { rounds, type Bench } from '../bench';
import { atMost, roundsText, spread, times, type Row, type Section } from '../report';
import { ratiosOf, spreadOf } from '../stats';
import { replayLane } from '../traffic';
import { groupMembers, grusWalk, type Step } from '../walks';
import { appAndFloor } from './appAndFloor';
import { costsPerKind, FAN_OUTS, type Batch, type KindCosts } from './turnCpu';

/** A walk's steps as batches: each fan-out turn on its own, the turns between them together. */
function batchesOf(steps: Step[], play: (step: Step) => Promise<unknown>): Batch[] {
  const batches: (Batch & { steps: Step[] })[] = [];
  for (const step of steps) {
    const last = batches[batches.length - 1];
    if (last && !FAN_OUTS.has(step.kind) && !FAN_OUTS.has(last.kind)) {
      last.steps.push(step);
      last.turns++;
    } else {
      const batch = { kind: step.kind, turns: 1, steps: [step], run: async () => { for (const s of batch.steps) await play(s); } };
      batches.push(batch);
    }
  }
  return batches;
}

/**
 * 4. Fan-out: a GRUS with `fanOutMembers` members walked on the app, the CPU of each turn that
 * sends to every participant divided by the members; against the floor bot's CPU for the same
 * turn, which sends once.
 */
export async function fanOut(bench: Bench): Promise<Section> {
  const members = groupMembers(bench.sizes.fanOutMembers);
  await bench.connector.addUsers(members);
  const { app, floor } = await appAndFloor(bench);
  const costs = { app: [] as KindCosts[], floor: [] as KindCosts[] };
  for (const { counted } of rounds(bench, `4. fan-out, a GRUS of ${members.length}`)) {
    const walk = await grusWalk(bench.connector, members);
    const client = new BenchClient(app.url, bench.connector);
    const replay = replayLane(new BenchClient(floor.url, bench.connector), client.turns);
    const [onApp, onFloor] = await costsPerKind([
      { pid: app.pid, batches: batchesOf(walk.steps, (step) => step.play(client)) },
      { pid: floor.pid, batches: batchesOf(walk.steps, () => replay.play()) }
    ]);
    if (!counted) continue;
    costs.app.push(onApp);
    costs.floor.push(onFloor);
  }
  const rows: Row[] = [...FAN_OUTS].map((kind: TurnKind) => {
    const perMember = costs.app.map((c) => c.get(kind)! / members.length);
    const floorSend = costs.floor.map((c) => c.get(kind)!);
    const ratio = spreadOf(ratiosOf(perMember, floorSend));
    return { measure: `${kind}, per member`, app: spread(spreadOf(perMember), ' ms'), baseline: spread(spreadOf(floorSend), ' ms'), ratio: times(ratio), target: atMost(ratio, 1.2) };
  });
  return {
    title: `4. Fan-out: a GRUS of ${members.length} members and ${lene.name}`,
    method: `CPU of each turn that sends to every participant, divided by the ${members.length} members, against the floor bot's CPU for the same activity (one record, one send). Rounds: ${roundsText(bench.sizes.rounds)}.`,
    rows
  };
}
