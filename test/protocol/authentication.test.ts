import { mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FakeChannelIssuer } from '../support/fakeChannelIssuer';
import { testTls } from '../support/fakeGraph';
import { FakeKeyVault } from '../support/fakeKeyVault';
import { rawPost } from '../support/rawPost';
import { lene, meeting, quiet, useBot } from '../support/scenario';
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
// The bot's temporary folder, to see that nothing an outsider sends lands on disk.
const botTemp = mkdtempSync(join(tmpdir(), 'bot-tmp-'));
const MB = 1024 * 1024;
const megabytes = (n: number) => ({ chunk: 'x'.repeat(64 * 1024), times: (n * MB) / (64 * 1024) });

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
      TMPDIR: botTemp,
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
    ['a token for another bot', () => issuer.token('6f1c1c9e-5555-4000-8000-000000000005', world.connector.url, { audience: '6f1c1c9e-5555-4000-8000-000000000005' })],
    ['a valid token issued for another service URL than the activity names', () => issuer.token(APP_ID, 'https://smba.trafficmanager.example/evil/')]
  ])('are refused with 401 and change nothing: %s', async (_name, token) => {
    world.teams.token = token?.();
    const before = world.connector.posted.length;
    const { status } = await cardAction();
    expect(status).toBe(401);
    expect(world.connector.posted.length).toBe(before);
  });

  const messages = () => `${world.bot.url}/api/messages`;
  const stillAnswers = async () => {
    world.teams.token = issuer.token(APP_ID, world.connector.url);
    expect((await cardAction()).status).toBe(200);
  };

  it('refuses a 30 MB upload without a token from its headers (415), writes nothing to disk, and goes on answering', async () => {
    const answer = await rawPost(messages(), { 'Content-Type': 'multipart/form-data; boundary=b' }, megabytes(30));
    expect(answer.status).toBe(415);
    expect(readdirSync(botTemp)).toEqual([]);
    await stillAnswers();
  });

  it('refuses six parallel 19 MB bodies without a token before reading them (401), and lives on', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => rawPost(messages(), { 'Content-Type': 'application/json' }, megabytes(19))));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(401));
    expect(answers.every((a) => a.sentChunks < megabytes(19).times)).toBe(true);
    await stillAnswers();
  });

  it('stops reading six parallel 19 MB bodies with a valid token at the size limit (413), and lives on', async () => {
    const authorization = `Bearer ${issuer.token(APP_ID, world.connector.url)}`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => rawPost(messages(), { 'Content-Type': 'application/json', Authorization: authorization }, megabytes(19))));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(413));
    expect(readdirSync(botTemp)).toEqual([]);
    await stillAnswers();
  });

  it('says at start-up that it is not in local mode', () => {
    expect(world.bot.output()).toContain('"mode":"azure"');
    expect(world.bot.output()).not.toContain('local mode');
  });
});

describe('in local mode, /api/messages', () => {
  const world = useBot();

  it('refuses what a web page\'s cross-origin form can post (text/plain, a form, an upload) with 415, and does nothing with it', async () => {
    const activity = JSON.stringify({ type: 'message', text: 'ny mus', channelId: 'msteams', serviceUrl: world.connector.url, from: { id: lene.id, aadObjectId: lene.aadObjectId }, conversation: { id: meeting.id } });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b']) {
      expect((await rawPost(`${world.bot.url}/api/messages`, { 'Content-Type': type }, { chunk: activity, times: 1 })).status).toBe(415);
    }
    await quiet(world.connector);
    expect(world.connector.calls).toHaveLength(0);
  });
});
