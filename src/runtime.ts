import './teams/deferredModules';
import { randomBytes } from 'crypto';
import { join } from 'path';
import type { Server } from 'restify';
import { ConceptCatalog, UnknownConceptError } from './app/conceptCatalog';
import { ConversationFlow } from './app/conversationFlow';
import { ConversationService } from './app/conversationService';
import { CoverageIndex } from './app/coverageIndex';
import { ExportLinks } from './app/exportLinks';
import { HrOverview } from './app/hrOverview';
import { BookingService } from './app/bookingService';
import { FilingService, filingRecords } from './app/filingService';
import { FollowUps } from './app/followUps';
import { jobRecords, Jobs } from './app/jobs';
import { PlanCopies } from './app/planCopies';
import { linkSecret, MIN_LINK_SECRET_BYTES, WeakLinkSecretError, type LinkSecretRecord } from './app/linkSecret';
import { PlanLinks } from './app/planLinks';
import type { Directory, FilingTarget, HrMembership, Organisation, PlanCopier, RecordSource } from './app/ports';
import { PlanHandover, type HandoverRecord } from './app/handover';
import { PersonnelFolders } from './app/personnelFolders';
import { recordKinds } from './app/recordKinds';
import { ReminderService, reminderStores } from './app/reminderService';
import { RetentionService } from './app/retentionService';
import { ConversationRemoval } from './app/conversationRemoval';
import { loadConcepts } from './concepts';
import { ConfigError, type Config } from './config';
import { noDirectory } from './directory/noDirectory';
import { GraphDirectory } from './directory/graphDirectory';
import { GraphHrMembership, GraphOrganisation } from './directory/graphOrganisation';
import type { Person } from './domain/conversation';
import { LocalFolderTarget } from './filing/localFolderTarget';
import type { OwnerTokens } from './graph/ownerCredential';
import { createServer } from './http/server';
import { localeOf } from './i18n/catalog';
import type { Logger } from './log';
import { conceptsFolder } from './paths';
import { pdfRenderer } from './pdf/pdfRenderer';
import { encryptedStorage } from './storage/encryption';
import { FileStorage } from './storage/fileStorage';
import type { KeyValueStore } from './storage/keyValueStore';
import { legacyLinkSecretFile } from './storage/legacyLinkSecret';
import { recordSource } from './storage/versionedStore';
import { createBot } from './teams/bot';
import { botFramework, messagesEndpoint } from './teams/botFramework';
import { CardDelivery } from './teams/cardDelivery';
import { chatAddresses, deliveryAddresses, personalChatAddress, type Delivery, type PersonalChat } from './teams/deliveries';
import { TeamsFilingNotifier } from './teams/filingNotifier';
import { TeamsHandoverNotifier } from './teams/handoverNotifier';
import { FilingSignIn } from './teams/filingSignIn';
import { Messenger } from './teams/messenger';
import { teamsLimits } from './teams/teamsLimits';
import { TeamsReminderSender } from './teams/reminderSender';

export interface RunningApp {
  server: Server;
  close(): Promise<void>;
}

/** Builds the whole app from its configuration and starts listening: the composition root. */
export async function startApp(config: Config, log: Logger): Promise<RunningApp> {
  const conceptsDir = config.conceptsDir ?? conceptsFolder;
  const concepts = conceptCatalog(conceptsDir, config);
  // Every value is encrypted by the app before it reaches the store (#16).
  const records = recordSource(await encryptedStorage(await openStorage(config), config.encryption, log));
  const clock = { now: clockFrom(config.clockStart), timeZone: config.timeZone };
  const localeFor = (teamsLocale: string | undefined) => config.locale ?? localeOf(teamsLocale);
  const firstActivity = signal();

  const framework = botFramework(config, log);
  const messenger = new Messenger(framework.adapter, config.botAppId, framework.authentication, teamsLimits(config.teams));
  const signIn = config.filing.auth.kind === 'delegated'
    ? new FilingSignIn({ authentication: framework.authentication, botAppId: config.botAppId, connectionName: config.filing.auth.connectionName, signIns: records(recordKinds.signIn.prefix), messenger, now: clock.now, log })
    : undefined;
  const graph = await graphParts(config, log, signIn?.tokenFor);

  // The HR overview counts from an index kept on every change of a conversation (coverage/, keyword-trends/).
  const coverage = CoverageIndex.in(records, { clock, keywordTrends: config.hr.keywordTrends, log });
  const conversations = ConversationService.in(records, clock, { log, retention: { days: config.retention.days, abandonedDays: config.retention.abandonedDays }, observer: coverage });
  const linkKey = await planLinkSecret(records, config.dataDir, clock.now);
  const links = new PlanLinks(config.publicUrl, linkKey, clock.now, config.links.validDays);
  // Chat addresses are stored without the names Teams puts in them.
  const deliveries = chatAddresses(records<Delivery>(recordKinds.delivery.prefix), deliveryAddresses, log);
  const personalChats = chatAddresses(records<PersonalChat>(recordKinds.person.prefix), personalChatAddress, log);
  const pictureUrl = (conceptId: string, file: string) => `${config.publicUrl}/concepts/${encodeURIComponent(conceptId)}/pictures/${encodeURIComponent(file)}`;
  const installer = config.installApp ? (await import('./cloud')).appInstaller(config, config.installApp.catalogId, log) : undefined;
  const cards = new CardDelivery({ conversations, deliveries, personalChats, sent: records(recordKinds.cardSent.prefix), sharedViews: records(recordKinds.sharedView.prefix), messenger, links, pictureUrl, log, now: clock.now, sharedCard: config.sharedCard, installer });
  const jobs = new Jobs({ records: jobRecords(records), clock, log, claimMs: config.jobs.claimMs, firstDelayMs: config.jobs.firstRetryMs, maxDelayMs: config.jobs.maxRetryMs });
  const retry = { firstDelayMs: config.filing.outbox.firstRetryMs, maxDelayMs: config.filing.outbox.maxRetryMs, claimMs: config.filing.outbox.claimMs };
  const filing = new FilingService({
    conversations,
    ...filingRecords(records),
    target: graph.target,
    renderer: pdfRenderer,
    notifier: new TeamsFilingNotifier(cards, deliveries, log, signIn),
    clock,
    retry,
    log
  });
  const handover = graph.copier
    ? new PlanHandover({
      conversations,
      directory: graph.directory,
      folders: PersonnelFolders.in(records),
      copier: graph.copier,
      records: records<HandoverRecord>(recordKinds.handover.prefix),
      notifier: new TeamsHandoverNotifier(personalChats, messenger, log),
      clock,
      retry,
      log
    })
    : undefined;
  const reminders = new ReminderService({
    stores: reminderStores(records),
    conversations,
    sender: new TeamsReminderSender({ personalChats, deliveries, messenger, links, clock, keywordCard: (c, personId, tr, options) => cards.keywordCardFor(c, personId, tr, options) }),
    clock,
    policy: {
      daysBefore: config.reminders.daysBefore,
      hour: config.reminders.hour,
      annualNoticeDays: config.reminders.annualNoticeDays,
      hours: { timeZone: config.timeZone, ...config.reminders.workingHours }
    },
    claimMs: config.reminders.claimMs,
    log
  });
  const retention = new RetentionService({ conversations, reminders, source: records, clock, auditDays: config.retention.auditDays, log });
  const booking = config.bookMeetings
    ? new BookingService({
        conversations,
        bookings: records(recordKinds.booking.prefix),
        calendar: (await import('./cloud')).meetingCalendar(config, config.bookMeetings.catalogId),
        publisher: cards,
        reminders,
        jobs,
        clock,
        locale: config.locale ?? 'da',
        log
      })
    : undefined;
  const removal = new ConversationRemoval({ conversations, reminders, source: records, log });
  const flow = new ConversationFlow({ conversations, concepts, directory: graph.directory, filing, reminders, publisher: cards, booking, removal, jobs, log, answerWithinMs: config.jobs.answerWithinMs });
  const followUps = new FollowUps({
    conversations,
    reminders,
    directory: graph.directory,
    annualNoticeDays: config.reminders.annualNoticeDays,
    ...(config.hr.keywordTrends ? { keywordTrends: coverage } : {}),
    ...(handover ? { handover } : {})
  });
  const hr = new HrOverview({
    ...(await hrDirectory(config, log, clock.now)),
    index: coverage,
    units: config.hr.units,
    clock,
    annualNoticeDays: config.reminders.annualNoticeDays,
    links: new ExportLinks(config.publicUrl, linkKey, clock.now),
    log
  });
  const bot = createBot({
    adapter: framework.adapter,
    botAppId: config.botAppId,
    flow,
    conversations,
    followUps,
    filing,
    concepts,
    cards,
    messenger,
    personalChats,
    links,
    log,
    localeOf: localeFor,
    allowedTenants: config.allowedTenants,
    signIn,
    booking: booking !== undefined,
    onActivity: () => firstActivity.arrived(),
    hr: { overview: hr, annualNoticeDays: config.reminders.annualNoticeDays },
    handover: handover ? { kind: 'available', handover } : { kind: config.filing.target === 'archive' ? 'archive' : 'notAvailable' }
  });

  const server = createServer({
    messages: messagesEndpoint(framework, bot, log),
    planCopies: new PlanCopies({ conversations, links, renderer: pdfRenderer }),
    concepts,
    conceptsDir,
    localeOf: localeFor,
    hr
  });
  // The coverage index is built from the stored conversations once (the first start with it), before
  // the first request: after that every change keeps it, and nothing is written behind a request's back.
  const indexBuilt = await coverage.buildOnce(conversations).then(
    () => true,
    (error: Error) => (log.error('coverage index build failed', { error: error.name }), false)
  );
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  log.info('listening', { mode: config.mode, host: config.host, port: config.port, concept: config.concept, filing: config.filing.target });
  if (config.mode === 'local') log.info('local mode: no bot credentials, bound to 127.0.0.1 only');
  if (config.unsafe.length > 0) log.warn('unsafe production settings accepted', { overrides: config.unsafe.join(',') });

  const workers = [
    // Plans waiting in the filing outbox are retried, all of them at once after a restart.
    periodically('filing outbox pass', config.filing.outbox.intervalMs, (first) => filing.retryDue({ all: first }), log),
    // Handovers that could not be done when asked are retried at the outbox's pace.
    ...(handover ? [periodically('handover pass', config.filing.outbox.intervalMs, (first) => handover.retryDue({ all: first }), log)] : []),
    // Work that was to follow an answer and did not (the instance stopped, or a call failed) is done now.
    periodically('job pass', config.jobs.intervalMs, () => jobs.runDue(), log),
    // What the retention rules no longer let the bot keep leaves storage: the due ones, from the retention index.
    periodically('retention sweep', config.retention.sweepMs, () => retention.sweep(), log),
    // A meeting moved or cancelled in Outlook: the conversation follows, or the leader is told.
    ...(booking && config.bookMeetings ? [periodically('calendar pass', config.bookMeetings.followMs, () => booking.followCalendar(), log)] : []),
    // If the coverage index could not be built before listening (storage down), it is tried again.
    ...(indexBuilt ? [] : [periodically('coverage index build', config.retention.sweepMs, () => coverage.buildOnce(conversations), log)])
  ];
  // Due reminders go out; a pass outside working hours sends nothing. The emulator shows only what
  // arrives while its page is open: there they wait for the first message or card action.
  let closed = false;
  const reminderPasses = () => workers.push(periodically('reminder pass', config.reminders.intervalMs, () => reminders.deliverDue(), log));
  if (config.emulator) {
    log.info('reminders wait for the first activity');
    void firstActivity.promise.then(() => {
      if (closed) return;
      log.info('reminders start');
      reminderPasses();
    });
  } else reminderPasses();
  return {
    server,
    close: async () => {
      closed = true;
      workers.forEach(clearInterval);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs.settle();
    }
  };
}

/** A promise that one call of `arrived` settles; later calls do nothing. */
function signal(): { promise: Promise<void>; arrived: () => void } {
  let arrived = () => undefined as void;
  const promise = new Promise<void>((resolve) => (arrived = resolve));
  return { promise, arrived };
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
 * Where plans are filed and who reports to whom: Microsoft Graph where configured (each leader's
 * OneDrive, or the personnel archive), else the local folder and no directory. Graph filing acts
 * as the app itself, or — with `ownerTokens`, OneDrive only — as the signed-in owner of each
 * personnel folder.
 */
async function graphParts(config: Config, log: Logger, ownerTokens: OwnerTokens | undefined): Promise<{ target: FilingTarget; directory: Directory; copier?: PlanCopier }> {
  const local = new LocalFolderTarget(config.filingRoot);
  if (config.filing.target === 'local' && !config.filing.directReports) return { target: local, directory: noDirectory };
  const cloud = await import('./cloud');
  const appClient = config.filing.directReports || !ownerTokens ? cloud.graphClient(config) : undefined;
  const clientFor = ownerTokens ? (owner: Person) => cloud.ownerGraphClient(config, owner, ownerTokens) : async () => appClient!;
  return {
    target: config.filing.target === 'local' ? local : cloud.graphFilingTarget(config, clientFor),
    directory: appClient && config.filing.directReports ? new GraphDirectory(appClient, log) : noDirectory,
    // A handover reads one leader's OneDrive and writes another's: only the app's own access can.
    ...(config.filing.target === 'graph' && config.filing.directReports && !ownerTokens ? { copier: cloud.graphPlanCopier(config, appClient!) } : {})
  };
}

/**
 * The key that signs download links (#16): a record in the encrypted store, shared by every
 * instance; one an earlier version kept in DATA_DIR/link-secret is taken over once. A stored key
 * shorter than 32 bytes stops start-up.
 */
async function planLinkSecret(records: RecordSource, dataDir: string, now: () => Date): Promise<Buffer> {
  const legacy = legacyLinkSecretFile(dataDir);
  try {
    const secret = await linkSecret(records<LinkSecretRecord>(recordKinds.secret.prefix), now, () => legacy.key() ?? randomBytes(MIN_LINK_SECRET_BYTES));
    legacy.remove();
    return secret;
  } catch (error) {
    if (!(error instanceof WeakLinkSecretError)) throw error;
    throw new ConfigError(
      `Nøglen, der signerer downloadlinks (posten secret/plan-links i lageret), er kun ${error.bytes} byte; den skal være mindst ${MIN_LINK_SECRET_BYTES} tilfældige byte, ellers kan links forfalskes. Slet posten, så laver appen en ny (links, der allerede er sendt, holder da op med at virke).`
    );
  }
}

/**
 * Who may see the HR overview and the organisation it counts: Microsoft Graph where HR_GROUP_ID is
 * set (User.Read.All and GroupMember.Read.All); without it the overview is off.
 */
async function hrDirectory(config: Config, log: Logger, now: () => Date): Promise<{ membership?: HrMembership; organisation: Organisation }> {
  const groupId = config.hr.groupId;
  if (!groupId) return { organisation: { members: async () => [] } };
  const client = (await import('./cloud')).graphClient(config);
  return { membership: new GraphHrMembership(client, groupId, log), organisation: new GraphOrganisation(client, log, { maxAgeMs: config.hr.directoryMaxAgeMs, now }) };
}
