import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { testTls } from '../support/fakeGraph';
import { FakeKeyVault } from '../support/fakeKeyVault';
import { lene, meeting, useBot } from '../support/scenario';
import { TENANT, textOf } from '../support/teamsClient';

const APP_ID = '6f1c1c9e-4444-4000-8000-000000000004';
const issuer = new FakeChannelIssuer(testTls());
beforeAll(() => issuer.start());
afterAll(() => issuer.stop());
// Outside local mode the app encrypts storage under a Key Vault key (#16).
const vault = new FakeKeyVault();
beforeAll(async () => {
  await vault.start();
  await vault.createKey('storage');
});
afterAll(() => vault.stop());

describe('outside local mode, requests to /api/messages', () => {
  const world = useBot({
    env: () => ({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-by-these-tests',
      MicrosoftAppType: 'MultiTenant',
      HOST: '127.0.0.1',
      ALLOWED_TENANTS: TENANT,
      // These tests are about the token: the app's own files stand in for Blob Storage and OneDrive.
      UNSAFE_PRODUCTION: 'file-storage,local-filing',
      BOT_OPENID_METADATA_URL: issuer.metadataUrl,
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
      ...vault.env('storage')
    })
  });
  const cardAction = () => world.teams.execute(lene, meeting, 'act-1', 'plan.bogus', {});

  it('are answered when the Bot Connector\'s token is valid', async () => {
    world.teams.token = issuer.token(APP_ID, world.connector.url);
    const { status, card } = await cardAction();
    expect(status).toBe(200);
    expect(textOf(card)).toContain('Den handling kender jeg ikke');
  });

  it.each([
    ['no token', undefined],
    ['a token signed with a key the issuer never published', () => issuer.token(APP_ID, world.connector.url, { unpublishedKey: true })],
    ['an expired token', () => issuer.token(APP_ID, world.connector.url, { expired: true })],
    ['a token for another bot', () => issuer.token('6f1c1c9e-5555-4000-8000-000000000005', world.connector.url, { audience: '6f1c1c9e-5555-4000-8000-000000000005' })]
  ])('are refused with 401 and change nothing: %s', async (_name, token) => {
    world.teams.token = token?.();
    const before = world.connector.posted.length;
    const { status } = await cardAction();
    expect(status).toBe(401);
    expect(world.connector.posted.length).toBe(before);
  });

  it('says at start-up that it is not in local mode', () => {
    expect(world.bot.output()).toContain('"mode":"azure"');
    expect(world.bot.output()).not.toContain('local mode');
  });
});
