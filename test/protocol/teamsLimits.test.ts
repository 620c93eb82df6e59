import { cardOf, type TeamsUser } from '../support/fakeConnector';
import { delivered, eventually, lene, quiet, seen, sharedCard, useBot, type World } from '../support/scenario';
import { textOf, type Chat } from '../support/teamsClient';

jest.setTimeout(240000);

const group = (size: number): TeamsUser[] =>
  Array.from({ length: size }, (_, i) => ({ id: `29:member-${i + 1}`, aadObjectId: `00000000-0000-0000-0000-0000000020${String(i + 1).padStart(2, '0')}`, name: `Gruppemedlem ${i + 1}` }));
const members = group(59);
const chat: Chat = { id: '19:grus-59@thread.v2', type: 'groupChat' };

/** Cards sent into a member's 1:1 chat that say `text`. */
const sentSaying = (world: World, user: TeamsUser, text: string) =>
  world.connector.sentTo(world.connector.personalChatOf(user)).filter((p) => textOf(cardOf(p.activity)).includes(text) || (p.activity.text ?? '').includes(text));

/** A GRUS of 59 members replacing their MUS, created in the meeting chat, everyone's keywords picked. */
async function heldGrus(world: World): Promise<string> {
  world.connector.addConversation(chat.id, [lene, ...members]);
  await world.teams.say(lene, chat, 'ny grus');
  const create = sharedCard(world.connector, chat);
  const created = await world.teams.press(lene, chat, create.id, create.card, 'mus.create', {
    kind: 'GRUS', employeeId: members.map((m) => m.aadObjectId).join(','), replacesMus: 'true', date: '2030-05-06', format: 'table'
  });
  const cid = created.card.actions.find((a: any) => a.verb === 'session.start').data.cid;
  await delivered(world.connector, [lene, ...members], 'Forbered din GRUS', 90);
  const picks = [lene, ...members];
  for (let i = 0; i < picks.length; i += 6) {
    await Promise.all(picks.slice(i, i + 6).map((m) => world.teams.execute(m, chat, create.id, 'keywords.pick', { cid, keywords: 'Samarbejde,Kompetencer,Mod' })));
  }
  await eventually(() => members.every((m) => sentSaying(world, m, 'Alle har nu valgt').length > 0), 'every member told of the reveal', 60);
  await world.teams.execute(lene, chat, create.id, 'session.start', { cid });
  return cid;
}

async function agreeAndFinish(world: World, cid: string): Promise<any> {
  const home = sharedCard(world.connector, chat).id;
  const save = (what: string, member?: TeamsUser) => world.teams.execute(lene, chat, home, 'agreement.save', {
    cid, perspectiveId: 'opgaver', what, when: 'Inden sommerferien', responsibleId: (member ?? lene).aadObjectId, followUpDate: '2030-09-01', memberId: member?.aadObjectId ?? ''
  });
  await save('Hele gruppen lærer det nye fagsystem');
  for (const m of members) await save(`Individuel plan for ${m.name}`, m);
  return (await world.teams.execute(lene, chat, home, 'session.finish', { cid })).card;
}

describe('a 59-member GRUS while Teams throttles a fifth of the bot’s calls', () => {
  const world = useBot({ users: members, env: () => ({ TEAMS_RETRY_ATTEMPTS: '8' }) });

  it('gets every member each of their cards exactly once: the keyword card, the reveal and their copy', async () => {
    world.connector.behaviour = { ...world.connector.behaviour, transient: { share: 0.2, status: 429 } };
    const cid = await heldGrus(world);
    await agreeAndFinish(world, cid);
    await delivered(world.connector, [lene, ...members], 'Hent udviklingsplanen', 90);
    await quiet(world.connector, 1500);
    for (const m of [lene, ...members]) {
      expect(sentSaying(world, m, 'Forbered din GRUS')).toHaveLength(1);
      expect(sentSaying(world, m, 'Alle har nu valgt')).toHaveLength(1);
    }
    for (const m of members) expect(sentSaying(world, m, 'Hent udviklingsplanen')).toHaveLength(1);
    expect(sentSaying(world, lene, 'Her er jeres udviklingsplan').length).toBeGreaterThanOrEqual(1);
    expect(world.connector.throttled()).toBeGreaterThan(20);
    // Teams' own limits were kept besides: no conversation got more than 7 sends and updates in a second.
    const byThread = new Map<string, number[]>();
    for (const c of world.connector.calls) {
      const thread = /^\/v3\/conversations\/([^/]+)\/activities/.exec(c.path)?.[1];
      if (thread && c.method !== 'GET') byThread.set(thread, [...(byThread.get(thread) ?? []), c.at]);
    }
    for (const times of byThread.values()) for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(7);
  });
});

describe('a 59-member GRUS when every Bot Connector call takes 300 ms', () => {
  const world = useBot({ users: members, env: () => ({ ANSWER_WITHIN_MS: '1200' }) });

  it('answers every card action within 2 s, the reveal and finishing included: the others’ cards follow after', async () => {
    world.connector.behaviour = { ...world.connector.behaviour, latencyMs: 300 };
    const cid = await heldGrus(world);
    const finished = await agreeAndFinish(world, cid);
    expect(textOf(finished)).toContain('GRUS med 59 gruppemedlemmer den 6. maj 2030 er afsluttet');
    const times = world.teams.invokes.map((i) => i.ms).sort((a, b) => a - b);
    const p99 = times[Math.ceil(times.length * 0.99) - 1];
    expect(times.length).toBeGreaterThan(120);
    const slowest = [...world.teams.invokes].sort((a, b) => b.ms - a.ms).slice(0, 3).map((i) => `${i.verb} ${i.ms} ms`);
    expect({ p99, slowest }).toEqual({ p99: expect.any(Number), slowest: expect.any(Array) });
    if (p99 > 2000) throw new Error(`p99 ${p99} ms; slowest: ${slowest.join(', ')}`);
    await delivered(world.connector, members, 'Hent udviklingsplanen', 90);
  });
});

describe('a GRUS whose app stops while the copies go out', () => {
  // The claim outlasts the finish job's run up to the held copy (storing every member's reminders
  // first takes seconds on a loaded machine), so a second run cannot send it beside the first: only
  // the restart sends it again, once the dead process's claim has run out.
  const world = useBot({ users: members.slice(0, 20), env: () => ({ JOB_INTERVAL_MS: '200', JOB_CLAIM_MS: '8000' }) });

  it('sends the rest after a restart, and loses none', async () => {
    const small = members.slice(0, 20);
    world.connector.addConversation(chat.id, [lene, ...small]);
    await world.teams.say(lene, chat, 'ny grus');
    const create = sharedCard(world.connector, chat);
    const created = await world.teams.press(lene, chat, create.id, create.card, 'mus.create', { kind: 'GRUS', employeeId: small.map((m) => m.aadObjectId).join(','), date: '2030-05-06', format: 'table' });
    const cid = created.card.actions.find((a: any) => a.verb === 'session.start').data.cid;
    await delivered(world.connector, small, 'Forbered din GRUS');
    for (const m of [lene, ...small]) await world.teams.execute(m, chat, create.id, 'keywords.pick', { cid, keywords: 'Samarbejde,Kompetencer,Mod' });
    await world.teams.execute(lene, chat, create.id, 'session.start', { cid });
    await world.teams.execute(lene, chat, create.id, 'agreement.save', { cid, perspectiveId: 'opgaver', what: 'Fagsystemet', when: 'Inden sommer', responsibleId: lene.aadObjectId, followUpDate: '2030-09-01', memberId: '' });
    // The fifth member's copy reaches Teams, but its answer never comes back: the process is killed then.
    const held = small[4];
    world.connector.hold = (p) => p.conversationId === world.connector.personalChatOf(held) && textOf(cardOf(p.activity)).includes('Hent udviklingsplanen');
    await world.teams.execute(lene, chat, create.id, 'session.finish', { cid });
    await eventually(() => sentSaying(world, held, 'Hent udviklingsplanen').length === 1, `the held copy (sent ${sentSaying(world, held, 'Hent udviklingsplanen').length} times)`, 30);
    await world.restart();
    const beforeTheStop = new Set(small.filter((m) => sentSaying(world, m, 'Hent udviklingsplanen').length > 0));
    world.connector.hold = () => false;
    await eventually(() => sentSaying(world, held, 'Hent udviklingsplanen').length === 2, 'the held copy sent again after the restart', 60);
    await delivered(world.connector, small, 'Hent udviklingsplanen');
    await quiet(world.connector, 1000);
    // Every member has their copy. A second one goes only to someone whose copy was on its way when the process
    // died (Teams took it in, the app never heard): the held one, and at most the few sent alongside it.
    for (const m of small) expect(sentSaying(world, m, 'Hent udviklingsplanen').length).toBeGreaterThanOrEqual(1);
    const twice = small.filter((m) => sentSaying(world, m, 'Hent udviklingsplanen').length > 1);
    expect(twice).toContain(held);
    for (const m of twice) {
      expect(beforeTheStop.has(m)).toBe(true);
      expect(sentSaying(world, m, 'Hent udviklingsplanen')).toHaveLength(2);
    }
    expect(twice.length).toBeLessThanOrEqual(8);
    expect((await seen(world, lene, chat)).card).toBeDefined();
  });
});
