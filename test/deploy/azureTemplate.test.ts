import { readFileSync } from 'fs';
import { join } from 'path';
import { loadConfig } from '../../src/config';
import { projectRoot } from '../../src/paths';

/** infra/azure.bicep as text: there is no Bicep compiler offline, so its parts are read from the source. */
const bicep = readFileSync(join(projectRoot, 'infra', 'azure.bicep'), 'utf8');

/** The body of the resource with this symbolic name, up to the closing brace at the start of a line. */
function resource(name: string): string {
  const start = bicep.search(new RegExp(`^resource ${name} '`, 'm'));
  if (start < 0) throw new Error(`infra/azure.bicep has no resource ${name}`);
  return bicep.slice(start, bicep.indexOf('\n}', start) + 2);
}

/** Every app setting the template gives the web app, name → value as written in Bicep. */
function appSettings(): Map<string, string> {
  const settings = new Map<string, string>();
  for (const [, name, value] of bicep.matchAll(/^\s*\{ name: '([A-Za-z_]+)', value: (.+) \}\s*$/gm)) settings.set(name, value.trim());
  return settings;
}

const STORAGE_BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';
const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';

describe('the Azure template (infra/azure.bicep)', () => {
  it('provisions a storage account reached only with a managed identity, over TLS 1.2, with no public blobs, and its container', () => {
    const account = resource('storageAccount');
    expect(account).toContain("'Microsoft.Storage/storageAccounts@");
    expect(account).toMatch(/allowSharedKeyAccess: false/);
    expect(account).toMatch(/allowBlobPublicAccess: false/);
    expect(account).toMatch(/minimumTlsVersion: 'TLS1_2'/);
    expect(account).toMatch(/supportsHttpsTrafficOnly: true/);
    // What the retention sweep removes must not live on as a blob version or a soft-deleted blob.
    expect(resource('blobService')).toMatch(/isVersioningEnabled: false[\s\S]*deleteRetentionPolicy: \{ enabled: false \}/);
    expect(resource('stateContainer')).toMatch(/parent: blobService[\s\S]*publicAccess: 'None'/);
  });

  it("gives the web app a system-assigned identity, Storage Blob Data Contributor on the account and Key Vault Secrets User on the vault", () => {
    expect(resource('webApp')).toMatch(/identity: \{ type: 'SystemAssigned' \}/);
    const storageRole = resource('stateAccess');
    expect(storageRole).toMatch(/scope: storageAccount/);
    expect(storageRole).toContain(`'${STORAGE_BLOB_DATA_CONTRIBUTOR}'`);
    expect(storageRole).toMatch(/principalId: webApp\.identity\.principalId/);
    const vault = resource('keyVault');
    expect(vault).toMatch(/enableRbacAuthorization: true/);
    const secretRole = resource('secretAccess');
    expect(secretRole).toMatch(/scope: keyVault/);
    expect(secretRole).toContain(`'${KEY_VAULT_SECRETS_USER}'`);
    expect(secretRole).toMatch(/principalId: webApp\.identity\.principalId/);
    expect(resource('botSecret')).toMatch(/parent: keyVault[\s\S]*value: botAadAppClientSecret/);
  });

  it('sets STORAGE=blob, the account URL, FILING_TARGET=graph with the managed identity, and the bot secret only as a Key Vault reference', () => {
    const settings = appSettings();
    expect(settings.get('STORAGE')).toBe("'blob'");
    expect(settings.get('AZURE_STORAGE_ACCOUNT_URL')).toBe('storageAccount.properties.primaryEndpoints.blob');
    // The leaders' OneDrive unless the deployment names the personnel archive.
    expect(settings.get('FILING_TARGET')).toBe('filingTarget');
    expect(bicep).toMatch(/@allowed\(\['graph', 'archive'\]\)\nparam filingTarget string = 'graph'/);
    expect(bicep).toMatch(/archiveFilingSettings = filingTarget == 'archive' \? \[\n  \{ name: 'PERSONNEL_DRIVE', value: personnelDrive \}/);
    expect(settings.get('GRAPH_MANAGED_IDENTITY')).toBe("'true'");
    expect(settings.get('MicrosoftAppPassword')).toBe("'@Microsoft.KeyVault(SecretUri=${botSecret.properties.secretUri})'");
    // The secret parameter reaches nothing but the vault (and the Azure Bot's own OAuth connection).
    const uses = [...bicep.matchAll(/botAadAppClientSecret/g)].length;
    expect(uses).toBe(3); // the parameter, the vault's secret, the OAuth connection
    expect(resource('filingConnection')).toContain('clientSecret: botAadAppClientSecret');
  });

  it("sets what the app's own start-up checks accept outside local mode", () => {
    const env: Record<string, string> = {};
    for (const [name, value] of appSettings()) env[name] = value.replace(/^'|'$/g, '').replace(/\$\{[^}]+\}/g, 'x');
    env.AZURE_STORAGE_ACCOUNT_URL = 'https://udvsamtalex.blob.core.windows.net/';
    env.STORAGE_CONTAINER = /name: '([a-z0-9-]+)'/.exec(resource('stateContainer'))![1];
    env.MicrosoftAppPassword = 'resolved from Key Vault by App Service';
    env.FILING_TARGET = 'graph';
    // The storage key's id, as Azure resolves the key resource's keyUri.
    expect(env.STORAGE_KEY_ID).toBe('storageKey.properties.keyUri');
    env.STORAGE_KEY_ID = 'https://kv-udvsamtalex.vault.azure.net/keys/storage';
    const config = loadConfig({ ...env, MicrosoftAppId: 'bot-app-id', MicrosoftAppTenantId: 'tenant' });
    expect(config).toMatchObject({ mode: 'azure', storage: { kind: 'blob' }, filing: { target: 'graph', graph: { managedIdentity: true, clientId: '' } }, allowedTenants: ['tenant'], unsafe: [] });
    expect(loadConfig({ ...env, MicrosoftAppId: 'bot-app-id', MicrosoftAppTenantId: 'tenant', FILING_AUTH: 'app', FILING_TARGET: 'archive', PERSONNEL_DRIVE: 'b!arkiv' }).filing).toMatchObject({ target: 'archive', personnelDrive: 'b!arkiv' });
  });
});
