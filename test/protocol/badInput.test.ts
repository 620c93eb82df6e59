import { readFileSync } from 'fs';
import { join } from 'path';
import type { TeamsUser } from '../support/fakeConnector';
import { stranger } from '../support/users';
import { createMus, lene, meeting, pickAndStart, sharedCard, soeren, useBot } from '../support/scenario';
import { textOf } from '../support/teamsClient';


/** Each refused submission: who sends it, the verb, the data, and the Danish message on the card. */
type Row = [name: string, user: TeamsUser, verb: string, data: (cid: string, perspective: string) => Record<string, unknown>, message: string];

const duringConversation: Row[] = [
  ['an empty agreement', lene, 'agreement.save', (cid, p) => ({ cid, perspectiveId: p, what: '' }), 'Hvad I aftaler skal udfyldes.'],
  ['a follow-up date in the past', lene, 'agreement.save', (cid, p) => ({ cid, perspectiveId: p, what: 'Kursus', followUpDate: '2001-01-01' }), 'Opfølgningsdatoen ligger i fortiden.'],
  ['a follow-up date that is not a date', lene, 'agreement.save', (cid, p) => ({ cid, perspectiveId: p, what: 'Kursus', followUpDate: '31-02-2030' }), 'Opfølgningsdatoen er ikke en gyldig dato.'],
  ['a responsible person outside the conversation', lene, 'agreement.save', (cid, p) => ({ cid, perspectiveId: p, what: 'Kursus', responsibleId: stranger.aadObjectId }), 'Den ansvarlige skal være en af samtalens deltagere.'],
  ['an agreement text of the wrong type', lene, 'agreement.save', (cid, p) => ({ cid, perspectiveId: p, what: ['Kursus'] }), 'Kortet sendte noget, jeg ikke kan bruge: Hvad I aftaler.'],
  ['an oversized note', lene, 'session.save', (cid) => ({ cid, atStep: 4, note: 'x'.repeat(20000) }), 'Kortet sendte noget, jeg ikke kan bruge: Noten.'],
  ['keywords after the conversation started', soeren, 'keywords.pick', (cid) => ({ cid, keywords: 'Mod,Ansvar,Økonomi' }), 'Samtalen er startet, så stikord og spørgsmål kan ikke længere ændres.'],
  ['an unknown action', lene, 'session.delete', (cid) => ({ cid }), 'Den handling kender jeg ikke.'],
  ['an action from someone outside the conversation', stranger, 'agreement.save', (cid, p) => ({ cid, perspectiveId: p, what: 'Kursus' }), 'Du deltager ikke i denne samtale'],
  ['finishing by the employee', soeren, 'session.finish', (cid) => ({ cid }), 'Kun lederen kan gøre dette.'],
  ['deleting an agreement that does not exist', lene, 'agreement.delete', (cid) => ({ cid, agreementId: 'nope' }), 'Aftalen findes ikke længere']
];

describe('bad input during a conversation', () => {
  const world = useBot({ users: [stranger] });
  let cid: string;
  const stored = () => readFileSync(join(world.bot.dataDir, 'state', `conversation%2F${cid}.json`), 'utf8');

  beforeAll(async () => {
    cid = await createMus(world.teams, world.connector);
    await pickAndStart(world.teams, world.connector, cid);
  });

  it.each(duringConversation)('refuses %s with a Danish message and stores nothing', async (_name, user, verb, data, message) => {
    const before = stored();
    const { card } = await world.teams.execute(user, meeting, sharedCard(world.connector).id, verb, data(cid, 'adfaerd'));
    expect(textOf(card)).toContain(message);
    expect(stored()).toBe(before);
  });

  it('refuses every change once the plan is finished, and stores nothing', async () => {
    const home = sharedCard(world.connector).id;
    await world.teams.execute(lene, meeting, home, 'agreement.save', { cid, perspectiveId: 'opgaver', what: 'Kursus', when: 'Q1', responsibleId: soeren.aadObjectId, followUpDate: '2030-01-10' });
    await world.teams.execute(lene, meeting, home, 'session.finish', { cid });
    const before = stored();
    for (const [verb, data] of [
      ['agreement.save', { cid, perspectiveId: 'opgaver', what: 'Ny aftale' }],
      ['session.next', { cid, atStep: 0 }],
      ['session.finish', { cid }]
    ] as const) {
      const { card } = await world.teams.execute(lene, meeting, home, verb, data);
      expect(textOf(card)).toContain('Samtalen er afsluttet, og planen er arkiveret.');
    }
    expect(stored()).toBe(before);
  });
});
