import { z } from 'zod';

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
  FILING_TARGET: z.enum(['local', 'graph']).default('local'),
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
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RETENTION_SWEEP_MS: z.coerce.number().int().min(1000).default(6 * 60 * 60 * 1000),
  /** Local mode only: the app's clock starts at this instant and runs on (to try reminders out, and for tests). */
  CLOCK_START: z.string().datetime({ offset: true }).optional(),
  /** Overrides every user's Teams language; for the local emulator, which always claims en-US. */
  LOCALE: z.enum(['da', 'en']).optional(),
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
  retention: { days: number; sweepMs: number };
  clockStart?: Date;
  hr: HrConfig;
}

export interface HrConfig {
  /** Undefined: the HR overview is off. */
  groupId?: string;
  units: { by: 'department' } | { by: 'manager'; top: string };
  directoryMaxAgeMs: number;
  keywordTrends: boolean;
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
  target: 'local' | 'graph';
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
  const parsed = schema.safeParse(env);
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
  if (e.WORKING_HOURS_FROM >= e.WORKING_HOURS_UNTIL || e.REMINDER_HOUR < e.WORKING_HOURS_FROM || e.REMINDER_HOUR >= e.WORKING_HOURS_UNTIL) {
    throw new ConfigError('REMINDER_HOUR skal ligge inden for WORKING_HOURS_FROM–WORKING_HOURS_UNTIL.');
  }
  if (e.STORAGE === 'blob' && !e.AZURE_STORAGE_CONNECTION_STRING && !e.AZURE_STORAGE_ACCOUNT_URL) {
    throw new ConfigError('STORAGE=blob kræver AZURE_STORAGE_CONNECTION_STRING eller AZURE_STORAGE_ACCOUNT_URL.');
  }
  const delegated = e.FILING_AUTH === 'delegated';
  if (delegated && (e.FILING_TARGET !== 'graph' || !e.FILING_OAUTH_CONNECTION)) {
    throw new ConfigError('FILING_AUTH=delegated kræver FILING_TARGET=graph og FILING_OAUTH_CONNECTION (navnet på Azure Bot-ressourcens OAuth-forbindelse).');
  }
  if (e.HR_UNITS === 'manager' && !e.HR_TOP_MANAGER) throw new ConfigError('HR_UNITS=manager kræver HR_TOP_MANAGER (objekt-id for den øverste leder).');
  // The app's own Graph credential is needed for app-only filing and for the directory.
  if ((e.FILING_TARGET === 'graph' && !delegated) || e.GRAPH_DIRECT_REPORTS === 'true' || e.HR_GROUP_ID) {
    const clientId = e.GRAPH_CLIENT_ID || e.MicrosoftAppId;
    const hasSecret = Boolean(e.GRAPH_CLIENT_SECRET || e.GRAPH_CERTIFICATE_PATH || (!e.GRAPH_CLIENT_ID && e.MicrosoftAppPassword));
    if (e.GRAPH_MANAGED_IDENTITY !== 'true' && (!clientId || !(e.GRAPH_TENANT_ID || e.MicrosoftAppTenantId) || !hasSecret)) {
      throw new ConfigError('FILING_TARGET=graph, GRAPH_DIRECT_REPORTS=true og HR_GROUP_ID kræver GRAPH_TENANT_ID, GRAPH_CLIENT_ID og GRAPH_CLIENT_SECRET eller GRAPH_CERTIFICATE_PATH (eller GRAPH_MANAGED_IDENTITY=true).');
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
    allowedTenants: allowedTenants(e.ALLOWED_TENANTS, mode === 'azure' ? e.MicrosoftAppTenantId : ''),
    filing: {
      target: e.FILING_TARGET,
      auth: delegated ? { kind: 'delegated', connectionName: e.FILING_OAUTH_CONNECTION } : { kind: 'app' },
      directReports: e.GRAPH_DIRECT_REPORTS === 'true',
      personnelFolder: e.PERSONNEL_FOLDER,
      // By default Graph is reached with the bot's own app registration, which then needs Files.ReadWrite.All.
      graph: {
        baseUrl: e.GRAPH_BASE_URL,
        authorityHost: e.AZURE_AUTHORITY_HOST,
        disableInstanceDiscovery: e.AZURE_DISABLE_INSTANCE_DISCOVERY === 'true',
        tenantId: e.GRAPH_TENANT_ID || e.MicrosoftAppTenantId,
        clientId: e.GRAPH_CLIENT_ID || e.MicrosoftAppId,
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
    retention: { days: e.RETENTION_DAYS, sweepMs: e.RETENTION_SWEEP_MS },
    clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : undefined,
    hr: {
      ...(e.HR_GROUP_ID ? { groupId: e.HR_GROUP_ID } : {}),
      units: e.HR_UNITS === 'manager' ? { by: 'manager', top: e.HR_TOP_MANAGER } : { by: 'department' },
      directoryMaxAgeMs: e.HR_DIRECTORY_MAX_AGE_MS,
      keywordTrends: e.LUS_KEYWORD_TRENDS === 'true'
    }
  };
}

function allowedTenants(list: string, ownTenant: string): string[] {
  const tenants = list.split(',').map((t) => t.trim()).filter(Boolean);
  return tenants.length ? tenants : ownTenant ? [ownTenant] : [];
}
