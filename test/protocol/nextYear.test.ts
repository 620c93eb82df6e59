import { join } from 'path';
import { pdfText } from '../support/pdfText';
import { createMus, finishMus, lene, pickAndStart, seen, soeren, useBot } from '../support/scenario';
import { inputsOf, textOf, type Chat } from '../support/teamsClient';

describe('the next conversation with the same people', () => {
  const world = useBot();

  it('opens with last plan\'s agreements and their status, records how each went, and files that in the new plan', async () => {
    const { cid: lastYear } = await finishMus(world, { id: '19:mus-2030@thread.v2', type: 'groupChat' }, '2030-03-14', '2030-06-01');
    const chat: Chat = { id: '19:mus-2031@thread.v2', type: 'groupChat' };
    world.connector.addConversation(chat.id, [lene, soeren]);
    const cid = await createMus(world.teams, world.connector, '2031-03-10', chat);
    expect(cid).not.toBe(lastYear);
    await pickAndStart(world.teams, world.connector, cid, chat);

    const first = await seen(world, lene, chat);
    expect(textOf(first.card)).toContain('Sidste plan');
    expect(textOf(first.card)).toContain('Sidste gang (MUS 14. marts 2030) aftalte I dette.');
    expect(textOf(first.card)).toContain('Ugentlig koordinering med Økonomi');
    expect(textOf(first.card)).toContain('Status\nIkke fulgt op endnu');
    const outcomeInput = Object.keys(inputsOf(first.card)).find((id) => id.startsWith('outcome_'))!;
    const next = await world.teams.press(lene, chat, first.id, first.card, 'session.next', { [outcomeInput]: 'Koordineringen virker – vi fortsætter.' });
    expect(textOf(next.card)).toContain('Samtalen er i gang');

    await world.teams.execute(lene, chat, first.id, 'agreement.save', { cid, perspectiveId: 'opgaver', what: 'Nyt ansvar for budgetopfølgning', when: 'Fra maj', responsibleId: soeren.aadObjectId, followUpDate: '2031-09-01' });
    await world.teams.execute(lene, chat, first.id, 'session.finish', { cid });
    const text = await pdfText(join(world.bot.filingRoot, 'Lene Løvgren', 'Personalemapper', 'Søren Ærø', 'MUS 2031-03-10.pdf'));
    expect(text).toContain('Opfølgning på sidste plan (MUS 14. marts 2030)');
    expect(text).toContain('Ugentlig koordinering med Økonomi');
    expect(text).toContain('Status Ikke fulgt op endnu');
    expect(text).toContain('Hvordan det gik Koordineringen virker – vi fortsætter.');
    expect(text).toContain('Nyt ansvar for budgetopfølgning');
  });
});
