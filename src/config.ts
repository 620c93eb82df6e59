import { z } from 'zod';

/** Settings from the environment, validated at start-up; an invalid value stops the app with its name. */
const schema = z.object({
  MicrosoftAppId: z.string().trim().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MicrosoftAppTenantId: z.string().default(''),
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  /** Bind address outside local mode; local mode always binds 127.0.0.1. */
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('.data'),
  FILING_ROOT: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  TIME_ZONE: z.string().default('Europe/Copenhagen'),
  CONCEPT: z.string().default('albertslund'),
  CONCEPTS_DIR: z.string().optional(),
  /** Overrides every user's Teams language; for the local emulator, which always claims en-US. */
  LOCALE: z.enum(['da', 'en']).optional()
});

export interface Config {
  mode: 'local' | 'azure';
  botAppId: string;
  auth: { MicrosoftAppId: string; MicrosoftAppPassword: string; MicrosoftAppType: string; MicrosoftAppTenantId: string };
  host: string;
  port: number;
  dataDir: string;
  filingRoot: string;
  publicUrl: string;
  timeZone: string;
  concept: string;
  conceptsDir?: string;
  locale?: 'da' | 'en';
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
    host,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    filingRoot: e.FILING_ROOT ?? `${e.DATA_DIR}/onedrive`,
    publicUrl: e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`,
    timeZone: e.TIME_ZONE,
    concept: e.CONCEPT,
    conceptsDir: e.CONCEPTS_DIR,
    locale: e.LOCALE
  };
}
