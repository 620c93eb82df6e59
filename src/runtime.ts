import './teams/deferredModules';
import { readFile } from 'fs/promises';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationConstants, type BotFrameworkAuthentication } from 'botframework-connector';
import { randomBytes } from 'crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as restify from 'restify';
import { planPdf } from './app/archive';
import { ConversationService } from './app/conversationService';
import { PlanLinks } from './app/planLinks';
import { loadConcepts, picturePath } from './concepts';
import { participant, type Person } from './domain/conversation';
import { ConceptCatalog, UnknownConceptError } from './app/conceptCatalog';
import { ConfigError, type Config } from './config';
import { ReminderService, reminderStores } from './app/reminderService';
import { TeamsReminderSender } from './teams/reminderSender';
import { FilingService, type FilingAudit, type OutboxEntry } from './app/filingService';
import type { FilingTarget } from './filing/filingTarget';
import type { OwnerTokens } from './filing/graph/ownerCredential';
import { FilingSignIn, type SignedIn } from './teams/filingSignIn';
import { noDirectory, type Directory } from './directory/directory';
import { GraphDirectory } from './directory/graphDirectory';
import { LocalFolderTarget } from './filing/localFolderTarget';
import { CardDelivery } from './teams/cardDelivery';
import { TeamsFilingNotifier } from './teams/filingNotifier';
import { planBaseName, safeSegment } from './filing/names';
import { localeOf } from './i18n/catalog';
import type { Logger } from './log';
import { conceptsFolder } from './paths';
import { FileStorage } from './storage/fileStorage';
import type { KeyValueStore } from './storage/keyValueStore';
import { VersionedStore } from './storage/versionedStore';
import { createBot } from './teams/bot';
import type { Delivery, PersonalChat } from './teams/deliveries';
import { Messenger } from './teams/messenger';
import { tokenChecker } from './teams/requestAuthentication';

export interface RunningApp {
  server: restify.Server;
  close(): Promise<void>;
}

/** Builds the whole app from its configuration and starts listening. */
export async function startApp(config: Config, log: Logger): Promise<RunningApp> {
  const conceptsDir = config.conceptsDir ?? conceptsFolder;
  const concepts = conceptCatalog(conceptsDir, config);

  const storage = await openStorage(config);
  const clock = { now: clockFrom(config.clockStart), timeZone: config.timeZone };
  const conversations = ConversationService.in(storage, clock);
  const authentication = botAuthentication(config);
  const adapter = new TeamsAdapter(authentication);
  const validToken = config.mode === 'local' ? undefined : tokenChecker(authentication);
  adapter.onTurnError = async (context, error) => {
    log.error('turn failed', { activity: context.activity.type, error: error.message });
  };
  const links = new PlanLinks(config.publicUrl, linkSecret(config.dataDir), clock.now);
  const botFramework = new ConfigurationBotFrameworkAuthentication(authentication);
  const messenger = new Messenger(adapter, config.botAppId, botFramework);
  const signIn = filingSignIn(config, botFramework, storage, messenger, clock.now, log);
  const graph = await graphParts(config, log, signIn?.tokenFor);
  const deliveries = new VersionedStore<Delivery>(storage, 'delivery');
  const personalChats = new VersionedStore<PersonalChat>(storage, 'person');
  const pictureUrl = (conceptId: string, file: string) => `${config.publicUrl}/concepts/${encodeURIComponent(conceptId)}/pictures/${encodeURIComponent(file)}`;
  const cards = new CardDelivery({ conversations, deliveries, personalChats, messenger, links, pictureUrl, log });
  const filing = new FilingService(
    conversations,
    new VersionedStore<OutboxEntry>(storage, 'outbox'),
    new VersionedStore<FilingAudit>(storage, 'audit'),
    graph.target,
    new TeamsFilingNotifier(cards, deliveries, log, signIn),
    clock,
    { firstDelayMs: config.filing.outbox.firstRetryMs, maxDelayMs: config.filing.outbox.maxRetryMs, claimMs: config.filing.outbox.claimMs },
    log
  );
  const reminders = new ReminderService(
    reminderStores(storage),
    conversations,
    new TeamsReminderSender(personalChats, deliveries, messenger, links, clock),
    clock,
    {
      daysBefore: config.reminders.daysBefore,
      hour: config.reminders.hour,
      annualNoticeDays: config.reminders.annualNoticeDays,
      hours: { timeZone: config.timeZone, ...config.reminders.workingHours }
    },
    config.reminders.claimMs,
    log
  );
  const bot = createBot({
    adapter,
    botAppId: config.botAppId,
    conversations,
    deliveries,
    personalChats,
    concepts,
    messenger,
    filing,
    cards,
    log,
    localeOf: (teamsLocale) => config.locale ?? localeOf(teamsLocale),
    allowedTenants: config.allowedTenants,
    reminders,
    links,
    directory: graph.directory,
    signIn,
    annualNoticeDays: config.reminders.annualNoticeDays
  });

  const server = restify.createServer({ name: 'udviklingssamtaler' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
  server.use(restify.plugins.queryParser());

  server.post('/api/messages', async (req, res) => {
    if (validToken && !(await validToken(req.body ?? {}, req.header('authorization') ?? ''))) {
      log.warn('request refused: invalid token');
      res.send(401, { error: 'Unauthorized' });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context).then(() => undefined));
  });

  // A participant's own copy of a finished plan, through a link signed for them.
  server.get('/plans/:file', async (req, res) => {
    const match = /^([0-9a-f-]{36})\.pdf$/.exec(String(req.params.file));
    const link = match ? links.verify(match[1], req.query ?? {}) : undefined;
    const conversation = link ? await conversations.get(link.conversationId) : undefined;
    const allowed = conversation?.phase === 'finished' && conversation.participants.some((p) => p.id === link?.personId);
    if (!conversation || !allowed) {
      res.send(404, { error: 'not found' });
      return;
    }
    // A GRUS member gets their own copy (the group's agreements and their own); the leader the whole plan.
    const pdf = await planPdf(conversation, config.locale ?? localeOf(req.header('accept-language')), link!.personId);
    const names = conversation.kind === 'GRUS' ? [participant(conversation, link!.personId)!.name] : conversation.participants.map((p) => p.name);
    const name = `${planBaseName(conversation.kind, conversation.date)} ${safeSegment(names.join(', '))}.pdf`;
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Length': pdf.length,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store'
    });
    res.end(pdf);
  });

  // The concepts' picture tiles, for the cards: only files a concept lists, so no other path can be asked for.
  server.get('/concepts/:concept/pictures/:file', async (req, res) => {
    const concept = concepts.get(String(req.params.concept));
    const picture = concept?.pictures.find((p) => p.file === String(req.params.file));
    if (!concept || !picture) {
      res.send(404, { error: 'not found' });
      return;
    }
    const bytes = await readFile(picturePath(conceptsDir, concept.id, picture.file));
    res.writeHead(200, { 'Content-Type': picture.file.endsWith('.png') ? 'image/png' : 'image/jpeg', 'Content-Length': bytes.length, 'Cache-Control': 'public, max-age=86400' });
    res.end(bytes);
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  log.info('listening', { mode: config.mode, host: config.host, port: config.port, concept: config.concept, filing: config.filing.target });
  if (config.mode === 'local') log.info('local mode: no bot credentials, bound to 127.0.0.1 only');

  const workers = [
    // Plans waiting in the filing outbox are retried, all of them at once after a restart.
    periodically('filing outbox pass', config.filing.outbox.intervalMs, (first) => filing.retryDue({ all: first }), log),
    // Due reminders go out; a pass outside working hours sends nothing.
    periodically('reminder pass', config.reminders.intervalMs, () => reminders.deliverDue(), log),
    // Notes leave storage once the retention time has passed.
    periodically('retention sweep', config.retention.sweepMs, () => conversations.applyRetention(config.retention.days), log)
  ];
  return {
    server,
    close: () => {
      workers.forEach(clearInterval);
      return new Promise((resolve) => server.close(() => resolve()));
    }
  };
}

/** Runs a background pass at start-up and then every `ms`; a failed pass is logged, and the next one tries again. */
function periodically(event: string, ms: number, pass: (first: boolean) => Promise<unknown>, log: Logger): NodeJS.Timeout {
  const run = (first: boolean) =>
    void pass(first)
      .then((result) => typeof result === 'number' && result > 0 && log.info(event, { count: result }))
      .catch((error: Error) => log.error(`${event} failed`, { error: error.message }));
  run(true);
  return setInterval(() => run(false), ms);
}

/** The real clock, or in local mode one that started at CLOCK_START and runs on from there. */
function clockFrom(start: Date | undefined): () => Date {
  if (!start) return () => new Date();
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/** The concept files, checked, and each tenant's; an unknown concept id stops start-up with the known ones named. */
function conceptCatalog(folder: string, config: Config): ConceptCatalog {
  try {
    return new ConceptCatalog(loadConcepts(folder), config.concept, config.tenantConcepts);
  } catch (error) {
    if (error instanceof UnknownConceptError) throw new ConfigError(`CONCEPT/TENANT_CONCEPTS: ${error.message}`);
    throw error;
  }
}

/** Where records live: files in local mode, an Azure Blob container in production. */
async function openStorage(config: Config): Promise<KeyValueStore> {
  if (config.storage.kind === 'file') return new FileStorage(join(config.dataDir, 'state'));
  return (await import('./cloud')).openBlobStorage(config.storage);
}

/**
 * The adapter's authentication settings. Overriding one Bot Framework endpoint makes botbuilder
 * expect all of them, so an override is completed with the public cloud's values.
 */
function botAuthentication(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  if (!config.botOpenIdMetadataUrl && !config.botOAuthUrl) return config.auth;
  return {
    ...config.auth,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: config.botOAuthUrl ?? AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.botOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel
  };
}

/**
 * Where plans are filed and who reports to whom: Microsoft Graph where configured, else the local
 * folder and no directory. Graph filing acts as the app itself, or — with `ownerTokens` — as the
 * signed-in owner of each personnel folder.
 */
async function graphParts(config: Config, log: Logger, ownerTokens: OwnerTokens | undefined): Promise<{ target: FilingTarget; directory: Directory }> {
  const local = new LocalFolderTarget(config.filingRoot);
  if (config.filing.target !== 'graph' && !config.filing.directReports) return { target: local, directory: noDirectory };
  const cloud = await import('./cloud');
  const appClient = config.filing.directReports || !ownerTokens ? cloud.graphClient(config) : undefined;
  const clientFor = ownerTokens ? (owner: Person) => cloud.ownerGraphClient(config, owner, ownerTokens) : async () => appClient!;
  return {
    target: config.filing.target === 'graph' ? cloud.graphFilingTarget(config, clientFor) : local,
    directory: appClient && config.filing.directReports ? new GraphDirectory(appClient, log) : noDirectory
  };
}

/** Delegated filing's sign-in, when filing acts as each leader rather than as the app. */
function filingSignIn(config: Config, authentication: BotFrameworkAuthentication, storage: KeyValueStore, messenger: Messenger, now: () => Date, log: Logger): FilingSignIn | undefined {
  const auth = config.filing.auth;
  if (auth.kind !== 'delegated') return undefined;
  return new FilingSignIn({
    authentication,
    botAppId: config.botAppId,
    connectionName: auth.connectionName,
    signIns: new VersionedStore<SignedIn>(storage, 'signin'),
    messenger,
    now,
    log
  });
}

/** The key that signs download links; kept with the data so links survive a restart. */
function linkSecret(dataDir: string): string {
  const file = join(dataDir, 'link-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // Written whole, then linked into place: a second instance sharing the folder sees all of it or none.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, randomBytes(32).toString('hex'), { mode: 0o600 });
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temp);
    }
  }
  return readFileSync(file, 'utf8').trim();
}
