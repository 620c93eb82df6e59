import { join } from 'path';
import { cardOf, type TeamsUser } from '../support/fakeConnector';
import { pdfText } from '../support/pdfText';
import { delivered, eventually, lene, sharedCard, useBot } from '../support/scenario';
import { textOf, type Chat } from '../support/teamsClient';

jest.setTimeout(90000);

const members: TeamsUser[] = Array.from({ length: 12 }, (_, i) => ({
  id: `29:member-${i + 1}`,
  aadObjectId: `00000000-0000-0000-0000-0000000010${String(i + 1).padStart(2, '0')}`,
  name: `Gruppemedlem ${i + 1}`
}));

describe('a GRUS with twelve members', () => {
  const world = useBot({ users: members });
  const chat: Chat = { id: '19:grus@thread.v2', type: 'groupChat' };

  it('collects everyone\'s keywords, keeps the group\'s and each member\'s agreements, and files one PDF per member', async () => {
    world.connector.addConversation(chat.id, [lene, ...members]);
    await world.teams.say(lene, chat, 'ny grus');
    const create = sharedCard(world.connector, chat);
    const created = await world.teams.press(lene, chat, create.id, create.card, 'mus.create', {
      kind: 'GRUS', employeeId: members.map((m) => m.aadObjectId).join(','), replacesMus: 'true', date: '2030-05-06', format: 'table'
    });
    expect(textOf(created.card)).toContain('GRUS med gruppen (12 medlemmer)');
    expect(textOf(created.card)).toContain('Gruppemedlem 12 (Gruppemedlem)');
    const cid = created.card.actions.find((a: any) => a.verb === 'session.start').data.cid;
    await delivered(world.connector, members, 'Forbered din GRUS');
    for (const m of members) expect(world.connector.sentTo(world.connector.personalChatOf(m)).map((p) => textOf(cardOf(p.activity))).join('\n')).toContain('Forbered din GRUS');

    await world.teams.execute(lene, chat, create.id, 'keywords.pick', { cid, keywords: 'Samarbejde,Kompetencer,Ledelse' });
    await Promise.all(members.map((m, i) => world.teams.execute(m, chat, create.id, 'keywords.pick', { cid, keywords: i < 8 ? 'Samarbejde,Kompetencer,Mod' : 'Samarbejde,Opgaver,Feedback' })));
    const overview = await world.teams.execute(lene, chat, create.id, 'session.start', { cid });
    expect(textOf(overview.card)).toContain('Samarbejde (13)');
    expect(textOf(overview.card)).toContain('Kompetencer (9)');
    expect(textOf(overview.card)).toContain('Feedback (4)');

    const save = (what: string, member?: TeamsUser) => world.teams.execute(lene, chat, create.id, 'agreement.save', {
      cid, perspectiveId: 'opgaver', what, when: 'Inden sommerferien', responsibleId: (member ?? lene).aadObjectId, followUpDate: '2030-09-01', memberId: member?.aadObjectId ?? ''
    });
    await save('Hele gruppen lærer det nye fagsystem');
    for (const m of members.slice(0, 11)) await save(`Individuel plan for ${m.name}: kursus i borgerkommunikation`, m);
    const refused = await world.teams.execute(lene, chat, create.id, 'session.finish', { cid });
    expect(textOf(refused.card)).toContain('Gruppemedlem 12 mangler en individuel aftale');
    await save(`Individuel plan for ${members[11].name}: kursus i borgerkommunikation`, members[11]);

    const finished = await world.teams.execute(lene, chat, create.id, 'session.finish', { cid });
    expect(textOf(finished.card)).toContain('GRUS med 12 gruppemedlemmer den 6. maj 2030 er afsluttet');
    const folder = (m: TeamsUser) => join(world.bot.filingRoot, 'Lene Løvgren', 'Personalemapper', m.name, 'GRUS 2030-05-06.pdf');
    for (const [i, m] of members.entries()) {
      const text = await pdfText(folder(m));
      expect(text).toContain(`Medlemmets kopi: ${m.name}`);
      expect(text).toContain('Hele gruppen lærer det nye fagsystem');
      expect(text).toContain(`Individuel plan for ${m.name}:`);
      const other = members[(i + 1) % members.length];
      expect(text).not.toContain(`Individuel plan for ${other.name}:`);
    }
    await eventually(() => members.every((m) => world.connector.sentTo(world.connector.personalChatOf(m)).some((p) => textOf(cardOf(p.activity)).includes('Hent udviklingsplanen'))), 'every member\'s copy');
  });
});
