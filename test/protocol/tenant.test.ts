import { cardOf } from '../support/fakeConnector';
import { lene, meeting, sharedCard, useBot } from '../support/scenario';
import { storedState } from '../support/storedState';
import { TENANT, TeamsClient, textOf } from '../support/teamsClient';

describe('a tenant allow-list', () => {
  const world = useBot({ env: () => ({ ALLOWED_TENANTS: TENANT }) });
  const outsider = () => new TeamsClient(world.bot.url, world.connector, 'tenant-elsewhere');
  const stored = () => storedState(world.bot.dataDir);

  it('answers a message from another tenant with a refusal, and runs nothing', async () => {
    await outsider().say(lene, meeting, 'ny mus');
    const sent = world.connector.sentTo(meeting.id);
    expect(sent).toHaveLength(1);
    expect(sent[0].activity.text).toBe('Udviklingssamtale er ikke tilgængelig for jeres organisation. Kontakt jeres it-afdeling.');
    expect(cardOf(sent[0].activity)).toBeUndefined();
  });

  it('refuses a card action from another tenant on the card, and stores nothing', async () => {
    await world.teams.say(lene, meeting, 'ny mus');
    const create = sharedCard(world.connector);
    const before = await stored();
    const { card } = await outsider().execute(lene, meeting, create.id, 'mus.create', { employeeId: '00000000-0000-0000-0000-00000000bbbb', date: '2030-01-01', format: 'table' });
    expect(textOf(card)).toContain('ikke tilgængelig for jeres organisation');
    expect(await stored()).toEqual(before);
    expect((await stored()).filter((f) => f.startsWith('conversation'))).toEqual([]);
  });
});
