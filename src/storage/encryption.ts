import { ConfigError, type EncryptionConfig, type StorageKeyConfig } from '../config';
import type { Logger } from '../log';
import { EncryptedStore } from './encryptedStore';
import type { KeyValueStore } from './keyValueStore';
import { KeyFileError, LocalKeyFile, type KeyWrapping } from './keyWrapping';

/** How often a versionless Key Vault key is looked up again, so a new version wraps new data keys. */
const KEY_REFRESH_MS = 60 * 60 * 1000;

/**
 * The app's store with every value encrypted under the configured storage key (#16). A key that
 * cannot be used stops start-up with a message naming the setting. With `encryptExisting`, the
 * values stored before encryption are encrypted first (and read as they are until then).
 */
export async function encryptedStorage(store: KeyValueStore, config: EncryptionConfig, log: Logger): Promise<EncryptedStore> {
  const keys = await storageKeys(config.key, log);
  const sealed = new EncryptedStore(store, keys, { readUnsealed: config.encryptExisting });
  if (config.encryptExisting) log.info('unencrypted records encrypted', { count: await sealed.sealExisting() });
  log.info('storage encrypted', { key: config.key.kind === 'file' ? 'local key file' : keys.currentKeyId });
  return sealed;
}

async function storageKeys(key: StorageKeyConfig, log: Logger): Promise<KeyWrapping> {
  if (key.kind === 'file') {
    try {
      return LocalKeyFile.open(key.file, { create: true });
    } catch (error) {
      if (!(error instanceof KeyFileError)) throw error;
      throw new ConfigError(
        `Lagernøglen kan ikke bruges: ${error.message}. Appen laver selv en ny fil med 32 tilfældige byte, hvis den mangler – men slet den kun, hvis intet er gemt med den, for det gemte kan ikke læses uden.`
      );
    }
  }
  // Loaded only here, so local mode does not carry the Key Vault SDK.
  const [{ DefaultAzureCredential }, { KeyVaultKeys }] = await Promise.all([import('@azure/identity'), import('./keyVaultKeys')]);
  // The app's managed identity on Azure (AZURE_CLIENT_ID picks a user-assigned one), as for Blob Storage by account URL.
  const credential = new DefaultAzureCredential({ authorityHost: key.authorityHost, disableInstanceDiscovery: key.disableInstanceDiscovery });
  try {
    return await KeyVaultKeys.open({ keyId: key.keyId, credential, disableChallengeResourceVerification: key.disableChallengeResourceVerification, refreshMs: KEY_REFRESH_MS, log });
  } catch (error) {
    throw keyVaultRefusal(error, key.keyId);
  }
}

/** Why the Key Vault key cannot be used, worded for whoever configures the app. */
function keyVaultRefusal(error: unknown, keyId: string): ConfigError {
  const { statusCode, name, message } = error as { statusCode?: number; name?: string; message?: string };
  const detail = (message ?? String(error)).split('\n')[0];
  if (statusCode === 403) {
    return new ConfigError(`STORAGE_KEY_ID: Key Vault nægter appen adgang til nøglen ${keyId} (403: ${detail}). Giv appens managed identity rollen Key Vault Crypto User på nøglen eller key vaulten.`);
  }
  if (statusCode === 404) return new ConfigError(`STORAGE_KEY_ID: nøglen ${keyId} findes ikke i Key Vault (404: ${detail}).`);
  if (statusCode === 401 || /^(AuthenticationError|AggregateAuthenticationError|CredentialUnavailableError)$/.test(name ?? '')) {
    return new ConfigError(
      `STORAGE_KEY_ID: appen kunne ikke logge på Key Vault (${detail}). På Azure bruger den sin managed identity; ellers AZURE_TENANT_ID, AZURE_CLIENT_ID og AZURE_CLIENT_SECRET.`
    );
  }
  return new ConfigError(`STORAGE_KEY_ID: nøglen ${keyId} i Key Vault kan ikke bruges (${detail}). Appen starter ikke uden sin lagernøgle.`);
}
