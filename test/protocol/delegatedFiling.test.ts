import type { Chat } from '../support/teamsClient';
import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import { FakeTokenService } from '../support/fakeTokenService';
import { eventually, finishMus, lene, soeren, useBot, type World } from '../support/scenario';
import { cardOf, type TeamsUser } from '../support/fakeConnector';
import { textOf } from '../support/teamsClient';

jest.setTimeout(60000);

const CONNECTION = 'personalemapper';
const graph = new FakeGraph(testTls());
const tokens = new FakeTokenService(graph, [lene, soeren]);
beforeAll(() => Promise.all([graph.start(), tokens.start()]));
afterAll(() => Promise.all([graph.stop(), tokens.stop()]));

/** Filing as each leader through the Azure Bot's OAuth connection: no app credential for Graph at all. */
const world = useBot({
  env: () =>
    graphFilingEnv(graph, {
      FILING_AUTH: 'delegated',
      FILING_OAUTH_CONNECTION: CONNECTION,
      BOT_OAUTH_URL: tokens.url,
      GRAPH_TENANT_ID: '',
      GRAPH_CLIENT_ID: '',
      GRAPH_CLIENT_SECRET: '',
      // Retries are an hour apart: only her signing in makes the app file the waiting plan now.
      GRAPH_MAX_RETRIES: '1',
      OUTBOX_FIRST_RETRY_MS: '3600000'
    })
});

const chat = (name: string): Chat => ({ id: `19:${name}@thread.v2`, type: 'groupChat' });
const personal = (w: World, user: TeamsUser): Chat => ({ id: w.connector.personalChatOf(user), type: 'personal' });
const sentToLene = (w: World) => w.connector.sentTo(w.connector.personalChatOf(lene)).map((p) => p.activity);
const signInCards = (w: World) => sentToLene(w).flatMap((a) => (a.attachments ?? []).filter((x: any) => x.contentType === 'application/vnd.microsoft.card.oauth').map((x: any) => x.content));
const filedFor = (date: string) => `${lene.aadObjectId}/Personalemapper/Søren Ærø/MUS ${date} Søren Ærø.pdf`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('filing as the signed-in leader (Teams SSO through the bot\'s OAuth connection)', () => {
  it('keeps the plan and sends the leader a sign-in card; her SSO token files it into her own OneDrive as her', async () => {
    tokens.consented.add(lene.id);
    tokens.consented.add(soeren.id);
    const { card } = await finishMus(world, chat('sso'), '2030-02-03');
    expect(textOf(card)).toContain('du skal logge ind én gang');
    expect(graph.files.size).toBe(0);

    const [signIn] = signInCards(world);
    expect(signIn).toMatchObject({ connectionName: CONNECTION, text: expect.stringContaining('Log ind med din arbejdskonto'), buttons: [{ type: 'signin', title: 'Log ind' }] });
    expect(signIn.tokenExchangeResource.id).toBeTruthy();

    // Søren signing in (in his own chat) files nothing of Lene's: his token is his.
    const his = await world.teams.invoke(soeren, personal(world, soeren), 'signin/tokenExchange', { id: 'x', connectionName: CONNECTION, token: tokens.ssoTokenOf(soeren) });
    expect(his.status).toBe(200);
    await pause(800);
    expect(graph.files.size).toBe(0);

    const hers = await world.teams.invoke(lene, personal(world, lene), 'signin/tokenExchange', { id: signIn.tokenExchangeResource.id, connectionName: CONNECTION, token: tokens.ssoTokenOf(lene) });
    expect(hers).toEqual({ status: 200, body: { id: signIn.tokenExchangeResource.id, connectionName: CONNECTION } });
    await eventually(() => graph.files.has(filedFor('2030-02-03')), 'the plan to be filed as Lene');
    expect(graph.uploads().map((u) => u.authorization)).toEqual([`Bearer ${tokens.tokenOf(lene)}`]);
    await eventually(() => sentToLene(world).some((a) => textOf(cardOf(a)).includes('Planen er nu gemt i personalemappen.')), 'the receipt');
  });

  it('files the next plan at once, without asking again: the token service keeps her sign-in', async () => {
    const cardsBefore = signInCards(world).length;
    const { card } = await finishMus(world, chat('again'), '2030-02-04');
    expect(textOf(card)).not.toContain('logge ind');
    expect(graph.files.has(filedFor('2030-02-04'))).toBe(true);
    expect(signInCards(world)).toHaveLength(cardsBefore);
  });

  it('refuses a token exchange with someone else\'s SSO token, so Teams falls back to the sign-in button', async () => {
    const forged = await world.teams.invoke(soeren, personal(world, soeren), 'signin/tokenExchange', { id: 'y', connectionName: CONNECTION, token: tokens.ssoTokenOf(lene) });
    expect(forged.status).toBe(412);
    expect(forged.body).toMatchObject({ id: 'y', connectionName: CONNECTION, failureDetail: expect.stringContaining('unable to exchange') });
  });

  it('when her sign-in has lapsed and SSO cannot be exchanged, files the plan after she signs in by hand', async () => {
    tokens.forget(lene);
    tokens.consented.delete(lene.id);
    const cardsBefore = signInCards(world).length;
    await finishMus(world, chat('manual'), '2030-02-05');
    await eventually(() => signInCards(world).length === cardsBefore + 1, 'a new sign-in card');
    expect(graph.files.has(filedFor('2030-02-05'))).toBe(false);

    const exchange = await world.teams.invoke(lene, personal(world, lene), 'signin/tokenExchange', { id: 'z', connectionName: CONNECTION, token: tokens.ssoTokenOf(lene) });
    expect(exchange.status).toBe(412);
    const wrong = await world.teams.invoke(lene, personal(world, lene), 'signin/verifyState', { state: '999999' });
    expect(wrong.status).toBe(404);

    const verified = await world.teams.invoke(lene, personal(world, lene), 'signin/verifyState', { state: tokens.manualSignIn(lene) });
    expect(verified.status).toBe(200);
    await eventually(() => graph.files.has(filedFor('2030-02-05')), 'the plan to be filed after the manual sign-in');
  });

  it('files a plan left waiting by an outage as her, in the background after a restart, without asking her again', async () => {
    graph.failAlways('503');
    await finishMus(world, chat('outage'), '2030-02-06');
    graph.recover();
    const uploadsBefore = graph.uploads().length;
    await world.restart();
    await eventually(() => graph.files.has(filedFor('2030-02-06')), 'the plan to be filed after the restart');
    expect(graph.uploads().slice(uploadsBefore).map((u) => u.authorization)).toEqual([`Bearer ${tokens.tokenOf(lene)}`]);
  });

  it("names the delegated permission, not the app's, when Graph refuses the leader's token", async () => {
    graph.failAlways('403');
    const { card } = await finishMus(world, chat('forbidden'), '2030-02-07');
    graph.recover();
    expect(textOf(card)).toContain('mangler tilladelsen Files.ReadWrite i Microsoft Graph');
    expect(textOf(card)).not.toContain('Files.ReadWrite.All');
  });

  it('lets the leader sign out: the token service forgets her token, and the next plan waits for a new sign-in', async () => {
    await world.teams.say(lene, personal(world, lene), 'log ud');
    expect(sentToLene(world).map((a) => a.text ?? '')).toContainEqual(expect.stringContaining('Du er logget ud'));
    expect(tokens.tokenOf(lene)).toBeUndefined();
    const cardsBefore = signInCards(world).length;
    const { card } = await finishMus(world, chat('signed-out'), '2030-02-08');
    expect(textOf(card)).toContain('du skal logge ind én gang');
    expect(graph.files.has(filedFor('2030-02-08'))).toBe(false);
    await eventually(() => signInCards(world).length === cardsBefore + 1, 'a new sign-in card');

    await world.teams.say(soeren, personal(world, soeren), 'log ud');
    await world.teams.say(soeren, personal(world, soeren), 'log ud');
    const toSoeren = world.connector.sentTo(world.connector.personalChatOf(soeren)).map((p) => p.activity.text ?? '');
    expect(toSoeren.slice(-1)[0]).toContain('Du er ikke logget ind hos mig');
  });
});
