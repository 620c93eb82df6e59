import type { TeamsUser } from '../../test/support/fakeConnector';
import { lene, soeren } from '../../test/support/scenario';
import type { Chat } from '../../test/support/teamsClient';
import type { BenchClient, TurnKind } from './benchClient';
import type { RemoteConnector } from './remoteConnector';

/** One turn of a walk: one activity posted, as a Teams client would post it. */
export interface Step {
  kind: TurnKind;
  play(client: BenchClient): Promise<void>;
}

/** A conversation walked through from the chat command to the finished plan, step by step. */
export interface Walk {
  chat: Chat;
  steps: Step[];
  /** Learnt as the walk goes: the conversation's id, the shared card's activity, the plan's download link. */
  state: { cid: string; homeId: string; planUrl: string };
}

export interface WalkOptions {
  /** Agreements saved at each perspective's agreements step: 1 in the turn measurements, 3 for a full plan. */
  agreementsPerPerspective?: number;
  /** A GRUS held instead of the members' MUS: each member also gets an agreement of their own. */
  replacesMus?: boolean;
  /** Whether the walk ends by finishing (which files the plan), or at the review step. */
  finish?: boolean;
}

const DATE = '2030-03-14';
const FOLLOW_UP = '2030-06-01';
const NOTE = 'Trives i teamet og med borgerkontakten, men oplever travlhed op til årsskiftet. Savner faglig sparring og vil gerne have mere ansvar for planlægningen af vagtplanen. Vi talte om, hvordan feedback kan blive en fast del af hverdagen, og om hvilke kompetencer der skal udvikles det kommende år.';
/** The albertslund concept's walk: the overview, then three questions and the agreements of each perspective, then the review. */
const AGREEMENT_STEPS: Record<number, string> = { 4: 'adfaerd', 8: 'struktur', 12: 'opgaver' };
const LAST_SESSION_STEP = 12;

/**
 * The turn traffic of the latency, capacity and background measurements: MUS walked up to the
 * review step. Finishing files the plan (a PDF for each employee) within the turn; it is measured
 * on its own (CPU per turn, fan-out, PDF) rather than setting every p99 here.
 */
export const UNFINISHED: WalkOptions = { finish: false };

let chats = 0;
const newChat = (): Chat => ({ id: `19:bench-${process.pid}-${++chats}@thread.v2`, type: 'groupChat' });

/** A GRUS's members, as Teams and the fake connector know them. */
export function groupMembers(count: number): TeamsUser[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `29:member-${i + 1}`,
    aadObjectId: `00000000-0000-0000-0000-${String(100_000 + i + 1).padStart(12, '0')}`,
    name: `Gruppemedlem ${i + 1}`
  }));
}

let employees = 0;

/**
 * A MUS of Lene's with an employee of her own in a new meeting chat: created, both pick, a note on
 * every question, agreements, finished. Each walk has another employee, as the app offers the open
 * MUS instead of a second one with the same people.
 */
export async function musWalk(connector: RemoteConnector, options: WalkOptions = {}): Promise<Walk> {
  const n = ++employees;
  const employee: TeamsUser = { id: `29:employee-${n}`, aadObjectId: `00000000-0000-0000-0002-${String(n).padStart(12, '0')}`, name: `${soeren.name} ${n}` };
  await connector.addUsers([employee]);
  return walk(connector, [employee], 'ny mus', { employeeId: employee.aadObjectId }, options);
}

/** Lene's GRUS with `members` in a new meeting chat, walked like a MUS; the last member to pick reveals everyone's keywords. */
export async function grusWalk(connector: RemoteConnector, members: TeamsUser[], options: WalkOptions = {}): Promise<Walk> {
  const fields = { kind: 'GRUS', employeeId: members.map((m) => m.aadObjectId).join(','), replacesMus: String(options.replacesMus ?? false) };
  return walk(connector, members, 'ny grus', fields, options);
}

async function walk(connector: RemoteConnector, employees: TeamsUser[], command: string, createFields: Record<string, string>, options: WalkOptions): Promise<Walk> {
  const chat = newChat();
  await connector.addConversation(chat.id, [lene, ...employees]);
  const state = { cid: '', homeId: '', planUrl: '' };
  let createCard: unknown;
  const step = (kind: TurnKind, play: (client: BenchClient) => Promise<unknown>): Step => ({
    kind,
    play: async (client) => {
      client.kind = kind;
      await play(client);
    }
  });
  const act = (user: TeamsUser, verb: string, data: Record<string, unknown> = {}) => (client: BenchClient) =>
    client.execute(user, chat, state.homeId, verb, { cid: state.cid, ...data });

  const steps: Step[] = [
    step('form', async (client) => {
      await client.say(lene, chat, command);
      const home = await connector.firstCard(chat.id);
      state.homeId = home.id;
      createCard = home.card;
    }),
    step('create', async (client) => {
      const { card } = await client.press(lene, chat, state.homeId, createCard, 'mus.create', { ...createFields, date: DATE, format: 'table' });
      // Any action of the conversation's card names it (the card differs when the answer comes before the cards are out).
      state.cid = /"cid":"([^"]+)"/.exec(JSON.stringify(card ?? {}))?.[1] ?? '';
      if (!state.cid) throw new Error(`not created: ${JSON.stringify(card).slice(0, 500)}`);
    }),
    step('pick', act(lene, 'keywords.pick', { keywords: 'Mod,Ansvar,Planlægning' })),
    ...employees.map((employee, i) => step(i === employees.length - 1 ? 'reveal' : 'pick', act(employee, 'keywords.pick', { keywords: 'Feedback,Nærvær,Økonomi' }))),
    step('start', act(lene, 'session.start'))
  ];
  const perPerspective = options.agreementsPerPerspective ?? 1;
  const speakers = [lene, employees[0]];
  for (let at = 0; at <= LAST_SESSION_STEP; at++) {
    const perspectiveId = AGREEMENT_STEPS[at];
    if (perspectiveId) {
      for (let n = 1; n <= perPerspective; n++) steps.push(step('agreement', act(lene, 'agreement.save', agreement(perspectiveId, n, employees[0]))));
      if (options.replacesMus && perspectiveId === 'opgaver') {
        for (const member of employees) steps.push(step('agreement', act(lene, 'agreement.save', { ...agreement(perspectiveId, 1, member), memberId: member.aadObjectId })));
      }
    }
    const note = at > 0 && !perspectiveId ? { note: NOTE, noteBase: '' } : {};
    steps.push(step(perspectiveId || at === 0 ? 'next' : 'note', act(speakers[at % 2], 'session.next', { atStep: at, ...note })));
  }
  if (options.finish ?? true) {
    steps.push(
      step('finish', async (client) => {
        const { card } = await act(lene, 'session.finish')(client);
        state.planUrl = planUrlOn(card);
      })
    );
  }
  return { chat, steps, state };
}

function planUrlOn(card: unknown): string {
  const url = /https?:\/\/[^"]*\/plans\/[^"]+/.exec(JSON.stringify(card))?.[0];
  if (!url) throw new Error(`no plan to download on the card: ${JSON.stringify(card).slice(0, 500)}`);
  return url;
}

/** The download link of one participant's own copy of a finished plan, as their card shows it. */
export async function copyUrlFor(client: BenchClient, walk: Walk, user: TeamsUser): Promise<string> {
  const { card } = await client.execute(user, walk.chat, walk.state.homeId, 'plan.copy', { cid: walk.state.cid });
  return planUrlOn(card);
}

function agreement(perspectiveId: string, n: number, responsible: TeamsUser): Record<string, string> {
  return {
    perspectiveId,
    what: `Aftale ${n} om ${perspectiveId}: ${responsible.name} deltager i kurset "Den svære samtale" og deler det med teamet`,
    when: 'Inden sommerferien',
    responsibleId: responsible.aadObjectId,
    followUpDate: FOLLOW_UP,
    valueFor: 'person,citizens',
    value: 'Tryggere samtaler med borgerne i skranken og bedre trivsel i teamet'
  };
}

/** Plays a walk's steps in order. */
export async function playAll(client: BenchClient, walk: Walk): Promise<void> {
  for (const step of walk.steps) await step.play(client);
}
