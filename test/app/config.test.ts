import { ConfigError, loadConfig } from '../../src/config';

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
    expect(loadConfig({ EMULATOR: 'true', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' }).emulator).toBe(false);
  });

  it('refuses to start outside local mode without a secret: never an anonymous endpoint in Azure', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'app' })).toThrow(ConfigError);
    expect(() => loadConfig({ MicrosoftAppId: 'app' })).toThrow(/MicrosoftAppPassword mangler/);
  });

  it('accepts a managed identity instead of a secret, and then allows only its own tenant', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'tenant-a', HOST: '0.0.0.0' });
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

  it('still needs the app credential for the directory when filing is delegated', () => {
    expect(() => loadConfig({ FILING_TARGET: 'graph', FILING_AUTH: 'delegated', FILING_OAUTH_CONNECTION: 'c', GRAPH_DIRECT_REPORTS: 'true' })).toThrow(/GRAPH_CLIENT_ID/);
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ PORT: 'tre' })).toThrow(/PORT/);
    expect(() => loadConfig({ TIME_ZONE: 'Europe/Albertslund' })).toThrow(/TIME_ZONE/);
  });
});
