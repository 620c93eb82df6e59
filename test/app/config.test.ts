import { ConfigError, loadConfig } from '../../src/config';

const KEY_ID = 'https://kv-albertslund.vault.azure.net/keys/storage';

/** What a production deployment sets besides the bot's credentials (infra/azure.bicep sets the same). */
const production = {
  STORAGE_KEY_ID: KEY_ID,
  STORAGE: 'blob',
  AZURE_STORAGE_ACCOUNT_URL: 'https://udvsamtale.blob.core.windows.net',
  FILING_TARGET: 'graph',
  GRAPH_MANAGED_IDENTITY: 'true'
};
const bot = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-a' };

describe('the configuration at start-up', () => {
  it('runs in local mode without bot credentials, bound to 127.0.0.1 whatever HOST says', () => {
    const config = loadConfig({ HOST: '0.0.0.0' });
    expect(config.mode).toBe('local');
    expect(config.host).toBe('127.0.0.1');
    expect(config.allowedTenants).toEqual([]);
  });

  it('treats a setting that is there but empty as not set', () => {
    const config = loadConfig({ LOCALE: '', CLOCK_START: ' ', PORT: '', CONCEPT: '' });
    expect(config).toMatchObject({ locale: undefined, clockStart: undefined, port: 3978, concept: 'albertslund' });
  });

  it('holds due reminders for the emulator only in local mode', () => {
    expect(loadConfig({ EMULATOR: 'true' }).emulator).toBe(true);
    expect(loadConfig({}).emulator).toBe(false);
    expect(loadConfig({ EMULATOR: 'true', ...bot, ...production }).emulator).toBe(false);
  });

  it('refuses to start outside local mode without a secret: never an anonymous endpoint in Azure', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'app' })).toThrow(ConfigError);
    expect(() => loadConfig({ MicrosoftAppId: 'app' })).toThrow(/MicrosoftAppPassword mangler/);
  });

  it('accepts a managed identity instead of a secret, and then allows only its own tenant', () => {
    const config = loadConfig({ ...production, MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'tenant-a', HOST: '0.0.0.0', STORAGE_KEY_ID: KEY_ID });
    expect(config.mode).toBe('azure');
    expect(config.host).toBe('0.0.0.0');
    expect(config.allowedTenants).toEqual(['tenant-a']);
  });

  it('refuses Graph filing without an identity for it, and names the settings', () => {
    expect(() => loadConfig({ FILING_TARGET: 'graph' })).toThrow(/GRAPH_TENANT_ID, GRAPH_CLIENT_ID og GRAPH_CLIENT_SECRET/);
  });

  it("files as the signed-in leader through the bot's OAuth connection, without an app credential for Graph", () => {
    const config = loadConfig({ FILING_TARGET: 'graph', FILING_AUTH: 'delegated', FILING_OAUTH_CONNECTION: 'personalemapper' });
    expect(config.filing.auth).toEqual({ kind: 'delegated', connectionName: 'personalemapper' });
    expect(loadConfig({ FILING_TARGET: 'graph', GRAPH_MANAGED_IDENTITY: 'true' }).filing.auth).toEqual({ kind: 'app' });
  });

  it('refuses delegated filing without its OAuth connection, or outside Graph filing', () => {
    expect(() => loadConfig({ FILING_TARGET: 'graph', FILING_AUTH: 'delegated' })).toThrow(/FILING_OAUTH_CONNECTION/);
    expect(() => loadConfig({ FILING_AUTH: 'delegated', FILING_OAUTH_CONNECTION: 'personalemapper' })).toThrow(/FILING_TARGET=graph/);
  });

  it('files into the personnel archive by its drive id, app-only, with the leader\'s OneDrive the default', () => {
    expect(loadConfig({}).filing).toMatchObject({ target: 'local' });
    expect(loadConfig({ ...bot, ...production }).filing.personnelDrive).toBeUndefined();
    const config = loadConfig({ ...bot, ...production, FILING_TARGET: 'archive', PERSONNEL_DRIVE: 'b!Yk9xQ2_arkiv-01' });
    expect(config.filing).toMatchObject({ target: 'archive', personnelDrive: 'b!Yk9xQ2_arkiv-01', auth: { kind: 'app' } });
    expect(() => loadConfig({ ...bot, ...production, FILING_TARGET: 'archive' })).toThrow(/PERSONNEL_DRIVE/);
    expect(() => loadConfig({ FILING_TARGET: 'archive', PERSONNEL_DRIVE: 'b!x', FILING_AUTH: 'delegated', FILING_OAUTH_CONNECTION: 'c' })).toThrow(/appens egen adgang/);
    expect(() => loadConfig({ FILING_TARGET: 'archive', PERSONNEL_DRIVE: 'b!x' })).toThrow(/GRAPH_CLIENT_ID/);
    expect(() => loadConfig({ FILING_TARGET: 'archive', PERSONNEL_DRIVE: '../sites/x' })).toThrow(/PERSONNEL_DRIVE/);
  });

  it('still needs the app credential for the directory when filing is delegated', () => {
    expect(() => loadConfig({ FILING_TARGET: 'graph', FILING_AUTH: 'delegated', FILING_OAUTH_CONNECTION: 'c', GRAPH_DIRECT_REPORTS: 'true' })).toThrow(/GRAPH_CLIENT_ID/);
  });

  it('keeps notes 30 days after filing, a conversation never finished 90 days after its date, and audit records a year, unless told otherwise', () => {
    expect(loadConfig({}).retention).toMatchObject({ days: 30, abandonedDays: 90, auditDays: 365 });
    expect(loadConfig({ ABANDONED_DAYS: '60', AUDIT_DAYS: '730' }).retention).toMatchObject({ abandonedDays: 60, auditDays: 730 });
    expect(() => loadConfig({ ABANDONED_DAYS: '0' })).toThrow(/Ugyldig indstilling ABANDONED_DAYS/);
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ PORT: 'tre' })).toThrow(/PORT/);
    expect(() => loadConfig({ TIME_ZONE: 'Europe/Albertslund' })).toThrow(/TIME_ZONE/);
  });

  it('outside local mode refuses file storage, local filing and an empty tenant allow-list, each with a Danish message that names the fix', () => {
    expect(loadConfig({ ...bot, ...production }).mode).toBe('azure');
    expect(() => loadConfig({ ...bot, ...production, STORAGE: 'file' })).toThrow(/STORAGE=file .* to instanser overskriver hinandens noter.*STORAGE=blob.*UNSAFE_PRODUCTION=file-storage/);
    expect(() => loadConfig({ ...bot, ...production, STORAGE: undefined, AZURE_STORAGE_ACCOUNT_URL: undefined })).toThrow(/STORAGE=file/);
    expect(() => loadConfig({ ...bot, ...production, FILING_TARGET: undefined })).toThrow(/FILING_TARGET=local arkiverer .* ikke i lederens OneDrive.*UNSAFE_PRODUCTION=local-filing/);
    // A multi-tenant bot has no tenant of its own: without ALLOWED_TENANTS every tenant would get in.
    expect(() => loadConfig({ ...bot, ...production, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' })).toThrow(/ALLOWED_TENANTS er tom.*UNSAFE_PRODUCTION=any-tenant/);
    expect(loadConfig({ ...bot, ...production, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '', ALLOWED_TENANTS: 'tenant-b' }).allowedTenants).toEqual(['tenant-b']);
  });

  it("reaches Graph with the web app's system-assigned identity when told to use a managed identity, not with the bot's app id", () => {
    expect(loadConfig({ ...bot, ...production }).filing.graph).toMatchObject({ managedIdentity: true, clientId: '' });
    expect(loadConfig({ ...bot, ...production, GRAPH_CLIENT_ID: 'user-assigned' }).filing.graph.clientId).toBe('user-assigned');
    expect(loadConfig({ ...bot, ...production, MicrosoftAppType: 'UserAssignedMSI' }).filing.graph.clientId).toBe('app');
    expect(loadConfig({ ...bot, ...production, GRAPH_MANAGED_IDENTITY: 'false', GRAPH_CLIENT_SECRET: 's' }).filing.graph.clientId).toBe('app');
  });

  it('lets each of them through only when UNSAFE_PRODUCTION names it, and says so', () => {
    const unsafe = loadConfig({ ...bot, STORAGE_KEY_ID: KEY_ID, MicrosoftAppTenantId: '', MicrosoftAppType: 'MultiTenant', UNSAFE_PRODUCTION: 'file-storage, local-filing,any-tenant' });
    expect(unsafe).toMatchObject({ mode: 'azure', storage: { kind: 'file' }, filing: { target: 'local' }, allowedTenants: [], unsafe: ['file-storage', 'local-filing', 'any-tenant'] });
    expect(() => loadConfig({ ...bot, STORAGE_KEY_ID: KEY_ID, UNSAFE_PRODUCTION: 'file-storage' })).toThrow(/FILING_TARGET=local/);
    expect(() => loadConfig({ ...bot, UNSAFE_PRODUCTION: 'everything' })).toThrow(/Ugyldig indstilling UNSAFE_PRODUCTION: tilladte værdier: file-storage, local-filing, any-tenant/);
    expect(loadConfig({}).unsafe).toEqual([]); // local mode: nothing to let through
  });

  it('encrypts storage under a Key Vault key outside local mode, refusing to start without one; locally under a key file in DATA_DIR', () => {
    const azure = { ...bot, ...production, STORAGE_KEY_ID: undefined };
    expect(() => loadConfig(azure)).toThrow(/STORAGE_KEY_ID mangler/);
    expect(loadConfig({ ...azure, STORAGE_KEY_ID: `${KEY_ID}/0123abcd` }).encryption.key).toMatchObject({ kind: 'keyVault', keyId: `${KEY_ID}/0123abcd` });
    expect(loadConfig({ DATA_DIR: '/srv/data' }).encryption).toEqual({ key: { kind: 'file', file: '/srv/data/storage-key' }, encryptExisting: false });
    expect(loadConfig({ STORAGE_KEY_ID: KEY_ID, STORAGE_ENCRYPT_EXISTING: 'true' }).encryption).toMatchObject({ key: { kind: 'keyVault' }, encryptExisting: true });
    for (const wrong of ['kv-albertslund', 'http://kv.vault.azure.net/keys/storage', 'https://kv.vault.azure.net/secrets/storage', 'https://kv.vault.azure.net/keys', 'https://kv.vault.azure.net/keys/a/b/c']) {
      expect(() => loadConfig({ STORAGE_KEY_ID: wrong })).toThrow(/Ugyldig STORAGE_KEY_ID/);
    }
  });

  it('keeps plan links valid for LINK_DAYS, 30 by default', () => {
    expect(loadConfig({}).links.validDays).toBe(30);
    expect(loadConfig({ LINK_DAYS: '7' }).links.validDays).toBe(7);
    expect(() => loadConfig({ LINK_DAYS: '0' })).toThrow(/LINK_DAYS/);
  });
});
