import { z } from 'zod';
import { defaultRetention } from './domain/retention';

/** What UNSAFE_PRODUCTION may let through outside local mode. */
export const UNSAFE_OVERRIDES = ['file-storage', 'local-filing', 'any-tenant'] as const;
export type UnsafeOverride = (typeof UNSAFE_OVERRIDES)[number];

/** Settings from the environment, validated at start-up; an invalid value stops the app with its name. */
const schema = z.object({
  MicrosoftAppId: z.string().trim().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MicrosoftAppTenantId: z.string().default(''),
  /** Where the Bot Connector's token signing keys are published; sovereign clouds use their own. */
  BOT_OPENID_METADATA_URL: z.string().url().optional(),
  /** The Bot Framework token service; https://europe.token.botframework.com keeps user tokens in the EU. */
  BOT_OAUTH_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  /** Bind address outside local mode; local mode always binds 127.0.0.1. */
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('.data'),
  FILING_ROOT: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  TIME_ZONE: z.string().default('Europe/Copenhagen'),
  CONCEPT: z.string().default('albertslund'),
  CONCEPTS_DIR: z.string().optional(),
  /** tenant-id=concept-id pairs, comma-separated: each municipality's own concept. */
  TENANT_CONCEPTS: z
    .string()
    .default('')
    .refine((v) => v.split(',').filter(Boolean).every((pair) => /^[\w-]+=[a-z0-9-]+$/.test(pair.trim())), 'skriv tenant-id=koncept-id, adskilt af komma')
    .transform((v) => Object.fromEntries(v.split(',').filter(Boolean).map((pair) => pair.trim().split('=') as [string, string]))),
  STORAGE: z.enum(['file', 'blob']).default('file'),
  AZURE_STORAGE_CONNECTION_STRING: z.string().default(''),
  /** With a managed identity instead of a connection string: https://<account>.blob.core.windows.net */
  AZURE_STORAGE_ACCOUNT_URL: z.string().default(''),
  STORAGE_CONTAINER: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'ugyldigt containernavn').default('udviklingssamtaler'),
  STORAGE_MAX_TRIES: z.coerce.number().int().min(1).max(10).default(3),
  STORAGE_TRY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  /** Comma-separated Entra tenant ids whose users may use the bot. */
  ALLOWED_TENANTS: z.string().default(''),
  /** `graph`: each leader's OneDrive; `archive`: the municipality's personnel archive, a SharePoint document library (PERSONNEL_DRIVE). */
  FILING_TARGET: z.enum(['local', 'graph', 'archive']).default('local'),
  /** The personnel archive's drive id (`GET /sites/{site-id}/drives`), for FILING_TARGET=archive. */
  PERSONNEL_DRIVE: z.string().trim().regex(/^[\w!.-]+$/, 'skriv dokumentbibliotekets drive-id (b!…)').optional(),
  /** Whose permission files a plan: the app's own (Files.ReadWrite.All), or the leader's, signed in through Teams SSO. */
  FILING_AUTH: z.enum(['app', 'delegated']).default('app'),
  /** The Azure Bot's OAuth connection that gives a leader's delegated Graph token (Files.ReadWrite). */
  FILING_OAUTH_CONNECTION: z.string().trim().default(''),
  PERSONNEL_FOLDER: z.string().trim().min(1).default('Personalemapper'),
  GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com'),
  AZURE_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
  /** Only for an authority outside Microsoft's clouds (private cloud, Azure Stack): skips its validation. */
  AZURE_DISABLE_INSTANCE_DISCOVERY: z.enum(['true', 'false']).default('false'),
  GRAPH_TENANT_ID: z.string().default(''),
  GRAPH_CLIENT_ID: z.string().default(''),
  GRAPH_CLIENT_SECRET: z.string().default(''),
  GRAPH_CERTIFICATE_PATH: z.string().default(''),
  GRAPH_MANAGED_IDENTITY: z.enum(['true', 'false']).default('false'),
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(30000),
  GRAPH_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** Ask Graph for each leader's direct reports for the yearly overview (application permission User.Read.All). */
  GRAPH_DIRECT_REPORTS: z.enum(['true', 'false']).default('false'),
  /** Installs the app for a participant the bot cannot write to (TeamsAppInstallation.ReadWriteSelfForUser.All). */
  GRAPH_INSTALL_APP: z.enum(['true', 'false']).default('false'),
  /** Books a conversation as a Teams meeting from the create card (Calendars.ReadWrite, OnlineMeetings.Read.All, TeamsAppInstallation.ReadWriteSelfForChat.All, User.ReadBasic.All). */
  GRAPH_BOOK_MEETINGS: z.enum(['true', 'false']).default('false'),
  /** How often booked meetings are looked up in the organisers' calendars, so a conversation follows a meeting moved in Outlook. */
  GRAPH_CALENDAR_FOLLOW_MS: z.coerce.number().int().min(1000).default(10 * 60_000),
  /** The app's id in the organisation's Teams app catalog (not the manifest id): what Graph installs. */
  TEAMS_APP_CATALOG_ID: z.string().trim().default(''),
  GRAPH_SIMPLE_UPLOAD_LIMIT: z.coerce.number().int().min(1).default(4 * 1024 * 1024),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).default(60000),
  OUTBOX_FIRST_RETRY_MS: z.coerce.number().int().min(50).default(60000),
  OUTBOX_MAX_RETRY_MS: z.coerce.number().int().min(50).default(3600000),
  OUTBOX_CLAIM_MS: z.coerce.number().int().min(100).default(300000),
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(30).default(5),
  REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(9),
  /** Reminders go out only between these local hours on working days. */
  WORKING_HOURS_FROM: z.coerce.number().int().min(0).max(23).default(8),
  WORKING_HOURS_UNTIL: z.coerce.number().int().min(1).max(24).default(16),
  ANNUAL_NOTICE_DAYS: z.coerce.number().int().min(0).max(180).default(30),
  REMINDER_INTERVAL_MS: z.coerce.number().int().min(50).default(60000),
  REMINDER_CLAIM_MS: z.coerce.number().int().min(100).default(300000),
  /** Days after filing that notes leave the bot's storage (the filed PDF is the record). */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(defaultRetention.days),
  /** Days after its planned date that a conversation never finished is removed (and after finishing, that a plan never filed loses its content). */
  ABANDONED_DAYS: z.coerce.number().int().min(1).max(3650).default(defaultRetention.abandonedDays),
  /** Days after filing that the audit record of a filing is removed. */
  AUDIT_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  RETENTION_SWEEP_MS: z.coerce.number().int().min(1000).default(6 * 60 * 60 * 1000),
  /** Local mode only: the app's clock starts at this instant and runs on (to try reminders out, and for tests). */
  CLOCK_START: z.string().datetime({ offset: true }).optional(),
  /** How often jobs left undone (the instance stopped, a call failed) are looked for, and how long one instance holds a job. */
  JOB_INTERVAL_MS: z.coerce.number().int().min(50).default(30_000),
  JOB_CLAIM_MS: z.coerce.number().int().min(100).default(120_000),
  JOB_FIRST_RETRY_MS: z.coerce.number().int().min(50).default(30_000),
  JOB_MAX_RETRY_MS: z.coerce.number().int().min(50).default(3_600_000),
  /** How long finishing waits for the filing before answering that it goes on: Teams shows an error after a few seconds. */
  ANSWER_WITHIN_MS: z.coerce.number().int().min(0).max(5000).default(1200),
  /** The bot's calls to the Bot Connector per second in one tenant: Teams allows about 50 for all calls of an app. */
  TEAMS_RATE_PER_SECOND: z.coerce.number().int().min(1).max(50).default(25),
  /** Tries of a Bot Connector call Teams answered with 429, 412, 502, 503 or 504, and the longest pause between two. */
  TEAMS_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  TEAMS_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  /**
   * `private`: the shared card in a meeting chat shows the chat nothing, and Teams refreshes it into
   * each participant's own view. `open` (local mode only, for the emulator, which cannot refresh a card
   * per person): the chat sees the leader's view.
   */
  SHARED_CARD: z.enum(['private', 'open']).default('private'),
  /** Overrides every user's Teams language; for the local emulator, which always claims en-US. */
  LOCALE: z.enum(['da', 'en']).optional(),
  /**
   * Outside local mode the app refuses file storage, local filing and an empty tenant allow-list;
   * each listed here is accepted anyway, knowingly (a test installation, say). Comma-separated.
   */
  UNSAFE_PRODUCTION: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((item) => item.trim()).filter(Boolean))
    .refine((items) => items.every((item) => (UNSAFE_OVERRIDES as readonly string[]).includes(item)), `tilladte værdier: ${UNSAFE_OVERRIDES.join(', ')}, adskilt af komma`),
  // Encryption at rest and plan links (#16): see storageKeyConfig below.
  /** The Key Vault key that wraps the records' data keys: https://<vault>.vault.azure.net/keys/<name>[/<version>]. */
  STORAGE_KEY_ID: z.string().trim().default(''),
  /** Once, after upgrading: records stored before encryption are encrypted at start-up (and readable until then). */
  STORAGE_ENCRYPT_EXISTING: z.enum(['true', 'false']).default('false'),
  /** Only for a vault outside Microsoft's domains (the tests' fake on 127.0.0.1), whose challenge cannot name a parent domain. */
  KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: z.enum(['true', 'false']).default('false'),
  /** Days a participant's download link for their plan copy stays valid. */
  LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * Local mode with the Teams emulator (npm start): it shows only what arrives while its page is
   * open, so due reminders wait for the first message or card action of the run.
   */
  EMULATOR: z.enum(['true', 'false']).default('false'),
  // The HR overview (`hr-oversigt`): who may see it, and how the organisation is divided into units.
  /** The Entra group (object id) whose members see the HR overview; empty turns it off. */
  HR_GROUP_ID: z.union([z.literal(''), z.string().trim().uuid('skriv gruppens objekt-id (en GUID)')]).default(''),
  /** Units by the directory's department, or by the manager chain from HR_TOP_MANAGER. */
  HR_UNITS: z.enum(['department', 'manager']).default('department'),
  HR_TOP_MANAGER: z.string().trim().default(''),
  /** How long the organisation read from Graph is kept before it is read again. */
  HR_DIRECTORY_MAX_AGE_MS: z.coerce.number().int().min(0).default(15 * 60 * 1000),
  /** The leader's own picture for their LUS: their people's keywords this year, shown from five contributors. */
  LUS_KEYWORD_TRENDS: z.enum(['true', 'false']).default('false')
});


export interface Config {
  mode: 'local' | 'azure';
  botAppId: string;
  auth: {
    MicrosoftAppId: string;
    MicrosoftAppPassword: string;
    MicrosoftAppType: string;
    MicrosoftAppTenantId: string;
  };
  /** Overrides where the Bot Connector's signing keys are published (sovereign clouds, tests). */
  botOpenIdMetadataUrl?: string;
  /** Overrides the Bot Framework token service (its EU instance, sovereign clouds, tests). */
  botOAuthUrl?: string;
  host: string;
  port: number;
  dataDir: string;
  filingRoot: string;
  publicUrl: string;
  timeZone: string;
  concept: string;
  conceptsDir?: string;
  tenantConcepts: Record<string, string>;
  locale?: 'da' | 'en';
  storage: StorageConfig;
  /** Empty: every tenant (local mode only; outside it the bot's own tenant is the default). */
  allowedTenants: string[];
  filing: FilingConfig;
  reminders: ReminderConfig;
  retention: { days: number; abandonedDays: number; auditDays: number; sweepMs: number };
  teams: TeamsLimitsConfig;
  sharedCard: 'private' | 'open';
  jobs: { intervalMs: number; claimMs: number; firstRetryMs: number; maxRetryMs: number; answerWithinMs: number };
  clockStart?: Date;
  /** Outside local mode: the unsafe settings accepted on purpose (UNSAFE_PRODUCTION); logged at start-up. */
  unsafe: UnsafeOverride[];
  /** How stored values are encrypted (#16). */
  encryption: EncryptionConfig;
  /** Plan download links (#16). */
  links: { validDays: number };
  /** Local mode with the Teams emulator: reminders wait until someone is there to see them. */
  emulator: boolean;
  hr: HrConfig;
  /** GRAPH_INSTALL_APP: the app is installed for participants the bot cannot write to, from this catalog id. */
  installApp?: { catalogId: string };
  /** GRAPH_BOOK_MEETINGS: the create card books the conversation as a Teams meeting, and the app is installed in its chat from this catalog id. */
  bookMeetings?: { catalogId: string; followMs: number };
}

export interface HrConfig {
  /** Undefined: the HR overview is off. */
  groupId?: string;
  units: { by: 'department' } | { by: 'manager'; top: string };
  directoryMaxAgeMs: number;
  keywordTrends: boolean;
}

export interface TeamsLimitsConfig {
  ratePerSecond: number;
  retry: { attempts: number; baseDelayMs: number; maxDelayMs: number };
}

/** Who wraps the records' data keys: a key file beside the data (local mode only), or a key in Azure Key Vault. */
export type StorageKeyConfig =
  | { kind: 'file'; file: string }
  | { kind: 'keyVault'; keyId: string; authorityHost: string; disableInstanceDiscovery: boolean; disableChallengeResourceVerification: boolean };

export interface EncryptionConfig {
  key: StorageKeyConfig;
  /** Encrypt the records stored before encryption, at start-up. */
  encryptExisting: boolean;
}

export interface ReminderConfig {
  daysBefore: number;
  hour: number;
  workingHours: { from: number; until: number };
  annualNoticeDays: number;
  intervalMs: number;
  claimMs: number;
}

export type StorageConfig =
  | { kind: 'file' }
  | { kind: 'blob'; connectionString: string; accountUrl: string; container: string; maxTries: number; tryTimeoutMs: number };

export interface GraphConfig {
  baseUrl: string;
  authorityHost: string;
  disableInstanceDiscovery: boolean;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  certificatePath: string;
  managedIdentity: boolean;
  timeoutMs: number;
  maxRetries: number;
  simpleUploadLimit: number;
}

export interface FilingConfig {
  /** A local folder, each leader's OneDrive, or the personnel archive (a SharePoint document library). */
  target: 'local' | 'graph' | 'archive';
  /** For the archive: its drive id. */
  personnelDrive?: string;
  /** App-only, or as the signed-in owner of the personnel folder through this OAuth connection. */
  auth: { kind: 'app' } | { kind: 'delegated'; connectionName: string };
  /** The yearly overview asks Graph for direct reports. */
  directReports: boolean;
  personnelFolder: string;
  graph: GraphConfig;
  outbox: { intervalMs: number; firstRetryMs: number; maxRetryMs: number; claimMs: number };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // A setting that is there but empty (`LOCALE=`) is one not set.
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim())));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Ugyldig indstilling ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const mode = e.MicrosoftAppId ? 'azure' : 'local';
  if (mode === 'azure' && e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
    // Never an anonymous /api/messages on a public address.
    throw new ConfigError('MicrosoftAppPassword mangler: uden for lokal tilstand kræves botlegitimation.');
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: e.TIME_ZONE });
  } catch {
    throw new ConfigError(`Ugyldig TIME_ZONE: ${e.TIME_ZONE}`);
  }
  const host = mode === 'local' ? '127.0.0.1' : e.HOST;
  if (e.CLOCK_START && mode !== 'local') throw new ConfigError('CLOCK_START kan kun bruges i lokal tilstand.');
  if (e.SHARED_CARD === 'open' && mode !== 'local') throw new ConfigError('SHARED_CARD=open kan kun bruges i lokal tilstand: i Teams ser mødechatten aldrig samtalens indhold.');
  if (e.WORKING_HOURS_FROM >= e.WORKING_HOURS_UNTIL || e.REMINDER_HOUR < e.WORKING_HOURS_FROM || e.REMINDER_HOUR >= e.WORKING_HOURS_UNTIL) {
    throw new ConfigError('REMINDER_HOUR skal ligge inden for WORKING_HOURS_FROM–WORKING_HOURS_UNTIL.');
  }
  if (e.STORAGE === 'blob' && !e.AZURE_STORAGE_CONNECTION_STRING && !e.AZURE_STORAGE_ACCOUNT_URL) {
    throw new ConfigError('STORAGE=blob kræver AZURE_STORAGE_CONNECTION_STRING eller AZURE_STORAGE_ACCOUNT_URL.');
  }
  const tenants = allowedTenants(e.ALLOWED_TENANTS, mode === 'azure' ? e.MicrosoftAppTenantId : '');
  const unsafe = e.UNSAFE_PRODUCTION as UnsafeOverride[];
  if (mode === 'azure') refuseUnsafe({ storage: e.STORAGE, filing: e.FILING_TARGET, tenants }, unsafe);
  const delegated = e.FILING_AUTH === 'delegated';
  if (delegated && (e.FILING_TARGET !== 'graph' || !e.FILING_OAUTH_CONNECTION)) {
    throw new ConfigError('FILING_AUTH=delegated kræver FILING_TARGET=graph og FILING_OAUTH_CONNECTION (navnet på Azure Bot-ressourcens OAuth-forbindelse). Personalearkivet (FILING_TARGET=archive) skrives altid med appens egen adgang.');
  }
  if (e.FILING_TARGET === 'archive' && !e.PERSONNEL_DRIVE) {
    throw new ConfigError('FILING_TARGET=archive kræver PERSONNEL_DRIVE: drive-id for det SharePoint-dokumentbibliotek, personalemapperne ligger i (GET /sites/{site-id}/drives).');
  }
  const installApp = e.GRAPH_INSTALL_APP === 'true';
  const bookMeetings = e.GRAPH_BOOK_MEETINGS === 'true';
  for (const [on, name] of [[installApp, 'GRAPH_INSTALL_APP'], [bookMeetings, 'GRAPH_BOOK_MEETINGS']] as const) {
    if (on && !e.TEAMS_APP_CATALOG_ID) throw new ConfigError(`${name}=true kræver TEAMS_APP_CATALOG_ID (appens id i organisationens app-katalog).`);
  }
  if (e.HR_UNITS === 'manager' && !e.HR_TOP_MANAGER) throw new ConfigError('HR_UNITS=manager kræver HR_TOP_MANAGER (objekt-id for den øverste leder).');
  // The app's own Graph credential is needed for app-only filing and for the directory.
  if ((e.FILING_TARGET !== 'local' && !delegated) || e.GRAPH_DIRECT_REPORTS === 'true' || e.HR_GROUP_ID || installApp || bookMeetings) {
    const clientId = e.GRAPH_CLIENT_ID || e.MicrosoftAppId;
    const hasSecret = Boolean(e.GRAPH_CLIENT_SECRET || e.GRAPH_CERTIFICATE_PATH || (!e.GRAPH_CLIENT_ID && e.MicrosoftAppPassword));
    if (e.GRAPH_MANAGED_IDENTITY !== 'true' && (!clientId || !(e.GRAPH_TENANT_ID || e.MicrosoftAppTenantId) || !hasSecret)) {
      throw new ConfigError('FILING_TARGET=graph eller archive, GRAPH_DIRECT_REPORTS=true, GRAPH_INSTALL_APP=true, GRAPH_BOOK_MEETINGS=true og HR_GROUP_ID kræver GRAPH_TENANT_ID, GRAPH_CLIENT_ID og GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH (eller GRAPH_MANAGED_IDENTITY=true).');
    }
  }
  return {
    mode,
    botAppId: e.MicrosoftAppId,
    // Local mode talks to the emulator anonymously: botbuilder accepts that only as MultiTenant with no id.
    auth: {
      MicrosoftAppId: e.MicrosoftAppId,
      MicrosoftAppPassword: e.MicrosoftAppPassword,
      MicrosoftAppType: mode === 'local' ? 'MultiTenant' : e.MicrosoftAppType,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId
    },
    botOpenIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
    botOAuthUrl: e.BOT_OAUTH_URL,
    host,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    filingRoot: e.FILING_ROOT ?? `${e.DATA_DIR}/onedrive`,
    publicUrl: e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`,
    timeZone: e.TIME_ZONE,
    concept: e.CONCEPT,
    conceptsDir: e.CONCEPTS_DIR,
    tenantConcepts: e.TENANT_CONCEPTS,
    locale: e.LOCALE,
    storage:
      e.STORAGE === 'file'
        ? { kind: 'file' }
        : { kind: 'blob', connectionString: e.AZURE_STORAGE_CONNECTION_STRING, accountUrl: e.AZURE_STORAGE_ACCOUNT_URL, container: e.STORAGE_CONTAINER, maxTries: e.STORAGE_MAX_TRIES, tryTimeoutMs: e.STORAGE_TRY_TIMEOUT_MS },
    allowedTenants: tenants,
    filing: {
      target: e.FILING_TARGET,
      ...(e.FILING_TARGET === 'archive' ? { personnelDrive: e.PERSONNEL_DRIVE } : {}),
      auth: delegated ? { kind: 'delegated', connectionName: e.FILING_OAUTH_CONNECTION } : { kind: 'app' },
      directReports: e.GRAPH_DIRECT_REPORTS === 'true',
      personnelFolder: e.PERSONNEL_FOLDER,
      // By default Graph is reached with the bot's own app registration, which then needs Files.ReadWrite.All.
      graph: {
        baseUrl: e.GRAPH_BASE_URL,
        authorityHost: e.AZURE_AUTHORITY_HOST,
        disableInstanceDiscovery: e.AZURE_DISABLE_INSTANCE_DISCOVERY === 'true',
        tenantId: e.GRAPH_TENANT_ID || e.MicrosoftAppTenantId,
        // A managed identity without GRAPH_CLIENT_ID is the system-assigned one (the bot's own, when the bot is a user-assigned identity).
        clientId: e.GRAPH_CLIENT_ID || (e.GRAPH_MANAGED_IDENTITY === 'true' && e.MicrosoftAppType !== 'UserAssignedMSI' ? '' : e.MicrosoftAppId),
        clientSecret: e.GRAPH_CLIENT_SECRET || (e.GRAPH_CLIENT_ID ? '' : e.MicrosoftAppPassword),
        certificatePath: e.GRAPH_CERTIFICATE_PATH,
        managedIdentity: e.GRAPH_MANAGED_IDENTITY === 'true',
        timeoutMs: e.GRAPH_TIMEOUT_MS,
        maxRetries: e.GRAPH_MAX_RETRIES,
        simpleUploadLimit: e.GRAPH_SIMPLE_UPLOAD_LIMIT
      },
      outbox: { intervalMs: e.OUTBOX_INTERVAL_MS, firstRetryMs: e.OUTBOX_FIRST_RETRY_MS, maxRetryMs: e.OUTBOX_MAX_RETRY_MS, claimMs: e.OUTBOX_CLAIM_MS }
    },
    reminders: {
      daysBefore: e.REMINDER_DAYS_BEFORE,
      hour: e.REMINDER_HOUR,
      workingHours: { from: e.WORKING_HOURS_FROM, until: e.WORKING_HOURS_UNTIL },
      annualNoticeDays: e.ANNUAL_NOTICE_DAYS,
      intervalMs: e.REMINDER_INTERVAL_MS,
      claimMs: e.REMINDER_CLAIM_MS
    },
    retention: { days: e.RETENTION_DAYS, abandonedDays: e.ABANDONED_DAYS, auditDays: e.AUDIT_DAYS, sweepMs: e.RETENTION_SWEEP_MS },
    sharedCard: e.SHARED_CARD,
    jobs: { intervalMs: e.JOB_INTERVAL_MS, claimMs: e.JOB_CLAIM_MS, firstRetryMs: e.JOB_FIRST_RETRY_MS, maxRetryMs: e.JOB_MAX_RETRY_MS, answerWithinMs: e.ANSWER_WITHIN_MS },
    teams: { ratePerSecond: e.TEAMS_RATE_PER_SECOND, retry: { attempts: e.TEAMS_RETRY_ATTEMPTS, baseDelayMs: 500, maxDelayMs: e.TEAMS_RETRY_MAX_DELAY_MS } },
    clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : undefined,
    unsafe: mode === 'azure' ? unsafe : [],
    encryption: { key: storageKeyConfig(e, mode), encryptExisting: e.STORAGE_ENCRYPT_EXISTING === 'true' },
    links: { validDays: e.LINK_DAYS },
    emulator: mode === 'local' && e.EMULATOR === 'true',
    hr: {
      ...(e.HR_GROUP_ID ? { groupId: e.HR_GROUP_ID } : {}),
      units: e.HR_UNITS === 'manager' ? { by: 'manager', top: e.HR_TOP_MANAGER } : { by: 'department' },
      directoryMaxAgeMs: e.HR_DIRECTORY_MAX_AGE_MS,
      keywordTrends: e.LUS_KEYWORD_TRENDS === 'true'
    },
    ...(installApp ? { installApp: { catalogId: e.TEAMS_APP_CATALOG_ID } } : {}),
    ...(bookMeetings ? { bookMeetings: { catalogId: e.TEAMS_APP_CATALOG_ID, followMs: e.GRAPH_CALENDAR_FOLLOW_MS } } : {})
  };
}

/**
 * The storage key (#16). Outside local mode the records' content is encrypted under a Key Vault
 * key, never a file next to the data. The Key Vault client signs in like Blob Storage's
 * managed-identity form, with Graph's authority settings (national clouds, the tests' fake).
 */
function storageKeyConfig(e: z.infer<typeof schema>, mode: Config['mode']): StorageKeyConfig {
  if (!e.STORAGE_KEY_ID) {
    if (mode !== 'local') {
      throw new ConfigError(
        'STORAGE_KEY_ID mangler: uden for lokal tilstand krypteres samtalernes indhold med en nøgle i Azure Key Vault. Angiv nøglens id, https://<vault>.vault.azure.net/keys/<navn>.'
      );
    }
    return { kind: 'file', file: `${e.DATA_DIR}/storage-key` };
  }
  let url: URL | undefined;
  try {
    url = new URL(e.STORAGE_KEY_ID);
  } catch {
    url = undefined;
  }
  const path = url?.pathname.split('/').filter(Boolean) ?? [];
  if (!url || url.protocol !== 'https:' || url.search || url.hash || path[0] !== 'keys' || path.length < 2 || path.length > 3) {
    throw new ConfigError(`Ugyldig STORAGE_KEY_ID: ${e.STORAGE_KEY_ID}. Skriv nøglens id fra Key Vault, https://<vault>.vault.azure.net/keys/<navn> (eventuelt med /<version>).`);
  }
  return {
    kind: 'keyVault',
    keyId: e.STORAGE_KEY_ID.replace(/\/$/, ''),
    authorityHost: e.AZURE_AUTHORITY_HOST,
    disableInstanceDiscovery: e.AZURE_DISABLE_INSTANCE_DISCOVERY === 'true',
    disableChallengeResourceVerification: e.KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION === 'true'
  };
}

/**
 * Outside local mode: file storage keeps every note on one machine's disk (one process only: two
 * instances overwrite each other's notes), local filing puts plans in a folder on the server while
 * the receipt reads like OneDrive, and an empty allow-list lets every tenant in. Each stops
 * start-up unless UNSAFE_PRODUCTION names it.
 */
function refuseUnsafe(settings: { storage: string; filing: string; tenants: string[] }, unsafe: UnsafeOverride[]): void {
  const allowed = (override: UnsafeOverride) => unsafe.includes(override);
  if (settings.storage === 'file' && !allowed('file-storage')) {
    throw new ConfigError('STORAGE=file gemmer alle noter som filer på én maskine: kun én proces kan bruge dem, og to instanser overskriver hinandens noter. Uden for lokal tilstand kræves STORAGE=blob (eller UNSAFE_PRODUCTION=file-storage, hvis det er bevidst).');
  }
  if (settings.filing === 'local' && !allowed('local-filing')) {
    throw new ConfigError('FILING_TARGET=local arkiverer planerne i en mappe på serveren, ikke i lederens OneDrive. Uden for lokal tilstand kræves FILING_TARGET=graph eller archive (eller UNSAFE_PRODUCTION=local-filing, hvis det er bevidst).');
  }
  if (settings.tenants.length === 0 && !allowed('any-tenant')) {
    throw new ConfigError('ALLOWED_TENANTS er tom, og botten har ingen egen tenant (MicrosoftAppTenantId): så kan alle organisationer bruge den. Angiv ALLOWED_TENANTS (eller UNSAFE_PRODUCTION=any-tenant, hvis det er bevidst).');
  }
}

function allowedTenants(list: string, ownTenant: string): string[] {
  const tenants = list.split(',').map((t) => t.trim()).filter(Boolean);
  return tenants.length ? tenants : ownTenant ? [ownTenant] : [];
}
