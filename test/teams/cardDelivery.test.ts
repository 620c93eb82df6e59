import { ConversationService } from '../../src/app/conversationService';
import { PlanLinks } from '../../src/app/planLinks';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { translator } from '../../src/i18n/catalog';
import { recordSource } from '../../src/storage/versionedStore';
import { CardDelivery } from '../../src/teams/cardDelivery';
import type { Placement, TeamsOrigin } from '../../src/teams/deliveries';
import type { Messenger } from '../../src/teams/messenger';
import { employee, finishedWith, leader, started } from '../support/conversations';
import { MemoryStorage } from '../support/memoryStorage';
import { textOf } from '../support/teamsClient';

const da = translator('da');
const meetingChat = { serviceUrl: 'https://smba.example/', conversation: { id: '19:meeting', conversationType: 'groupChat' } } as Placement['reference'];
const origin: TeamsOrigin = {
  home: { reference: meetingChat, activityId: 'home-card', locale: 'da' },
  teamsIds: { [leader.id]: '29:lene', [employee.id]: '29:soeren' }
};

/** Card delivery over in-memory records, with a Bot Connector that records what it is asked and can refuse. */
function delivery(refuse: (what: string) => number | undefined = () => undefined) {
  const calls: { what: string; conversationId: string; card?: any; text?: string }[] = [];
  let opened = 0;
  const answer = (what: string) => {
    const status = refuse(what);
    return status ? Promise.reject(Object.assign(new Error(`status ${status}`), { statusCode: status })) : Promise.resolve();
  };
  const messenger = {
    send: async (reference: Placement['reference'], message: any) => {
      calls.push({ what: 'send', conversationId: reference.conversation!.id, ...(typeof message === 'string' ? { text: message } : { card: message }) });
      await answer('send');
      return `sent-${calls.length}`;
    },
    update: async (reference: Placement['reference'], _activityId: string, card: any) => {
      calls.push({ what: 'update', conversationId: reference.conversation!.id, card });
      await answer('update');
    },
    openPersonalChat: async (_from: unknown, _tenant: unknown, teamsId: string) => ({ serviceUrl: 'https://smba.example/', conversation: { id: `a:${teamsId}-${++opened}` } })
  } as unknown as Messenger;
  const storage = new MemoryStorage();
  const records = recordSource(storage);
  const now = () => new Date('2026-11-25T10:00:00Z');
  const cards = new CardDelivery({
    conversations: ConversationService.in(records, { now, timeZone: 'Europe/Copenhagen' }),
    deliveries: records('delivery'),
    personalChats: records('person'),
    sent: records('card-sent'),
    sharedViews: records('shared-view'),
    messenger,
    links: new PlanLinks('http://127.0.0.1:1', 'a-test-secret-of-thirty-two-bytes!', now),
    pictureUrl: () => '',
    log: { info() {}, warn() {}, error() {} },
    now,
    sharedCard: 'private'
  });
  return { cards, calls };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the shared card of a held conversation', () => {
  const { cards } = delivery();

  it('is rendered once per revision and language, and anew with a message or a new revision', () => {
    const c = started();
    const first = cards.viewFor(c, leader.id, [], da);
    expect(cards.viewFor(c, leader.id, [], da)).toBe(first);
    expect(cards.viewFor(c, leader.id, [], translator('en'))).not.toBe(first);
    expect(cards.viewFor(c, leader.id, [], da, { message: { kind: 'info', text: 'Gemt.' } })).not.toBe(first);
    const next = { ...c, step: 1, revision: c.revision + 1 };
    expect(cards.viewFor(next, leader.id, [], da)).not.toEqual(first);
  });
});

describe('delivering a conversation’s cards', () => {
  it('shows the meeting chat a card with nothing of the conversation, refreshed for each participant into their own view', async () => {
    const { cards, calls } = delivery();
    const c = started();
    await cards.place(c, origin);
    cards.refreshShared(c);
    await settled();
    const [update] = calls;
    expect(update).toMatchObject({ what: 'update', conversationId: '19:meeting' });
    expect(update.card.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: 'card.refresh', data: { cid: c.id } }, userIds: ['29:lene', '29:soeren'] });
    const shown = textOf(update.card);
    for (const personal of [leader.name, employee.name, ...Object.values(c.picks).flat(), c.concept.perspectives[0].questions[0].text]) expect(shown).not.toContain(personal);

    const own = await cards.sharedViewFor(c, employee.id, da);
    expect(textOf(own)).toContain(c.concept.perspectives[0].name);
    expect(own.refresh).toEqual(update.card.refresh);
    const outsider = await cards.sharedViewFor(c, 'aad-colleague', da);
    expect(textOf(outsider)).toContain(da.t('shared.notParticipant'));
    for (const personal of [leader.name, employee.name, ...Object.values(c.picks).flat()]) expect(textOf(outsider)).not.toContain(personal);
  });

  it('updates the shared card once more after a burst of changes, showing the newest, rather than once per change', async () => {
    const { cards, calls } = delivery();
    let c = started();
    await cards.place(c, { ...origin, home: { ...origin.home, reference: { ...meetingChat, conversation: { id: 'a:lene', conversationType: 'personal' } } as Placement['reference'] } });
    for (let step = 1; step <= 5; step++) {
      c = { ...c, step, revision: c.revision + 1 };
      cards.refreshShared(c);
    }
    await settled();
    expect(calls.filter((call) => call.what === 'update')).toHaveLength(2);
    expect(textOf(calls[calls.length - 1].card)).toContain('Spørgsmål');
    expect(calls[calls.length - 1].card).toEqual(cards.viewFor(c, leader.id, [], da));
  });

  it('sends each participant their keyword card and their copy once, however often the job runs (the leader’s copy is the filing receipt)', async () => {
    const { cards, calls } = delivery();
    const c = finishedWith('2027-03-01');
    await cards.place(c, origin);
    await cards.deliverNew(c, origin);
    await cards.deliverNew(c, origin);
    await cards.sendCopies(c);
    await cards.sendCopies(c);
    await settled();
    const sends = calls.filter((call) => call.what === 'send');
    expect(sends.map((s) => s.conversationId).sort()).toEqual(['a:29:lene-1', 'a:29:soeren-2', 'a:29:soeren-2']);
  });

  it('sends again what Teams refused, on the job’s next run', async () => {
    let refusing = true;
    const { cards, calls } = delivery((what) => (refusing && what === 'send' ? 503 : undefined));
    const c = finishedWith('2027-03-01');
    await cards.place(c, origin);
    await cards.deliverNew(c, origin);
    refusing = false;
    await cards.deliverNew(c, origin);
    expect(calls.filter((call) => call.what === 'send')).toHaveLength(4);
  });

  it('tells the leader once when Teams refuses the shared card’s update, and again only after one got through', async () => {
    let refusing = true;
    const { cards, calls } = delivery((what) => (refusing && what === 'update' ? 413 : undefined));
    const c: DevelopmentConversation = started();
    await cards.place(c, origin);
    await cards.deliverNew(c, origin);
    for (let i = 0; i < 3; i++) {
      cards.refreshShared({ ...c, revision: c.revision + i + 1 });
      await settled();
    }
    const told = () => calls.filter((call) => call.what === 'send' && call.text?.includes('Teams ville ikke opdatere kortet'));
    expect(told()).toHaveLength(1);
    expect(told()[0]).toMatchObject({ conversationId: 'a:29:lene-1', text: expect.stringContaining('(413)') });
    refusing = false;
    cards.refreshShared({ ...c, revision: c.revision + 10 });
    await settled();
    refusing = true;
    cards.refreshShared({ ...c, revision: c.revision + 11 });
    await settled();
    expect(told()).toHaveLength(2);
  });
});
