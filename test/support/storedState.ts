import { join } from 'path';
import { EncryptedStore } from '../../src/storage/encryptedStore';
import { FileStorage } from '../../src/storage/fileStorage';
import { LocalKeyFile } from '../../src/storage/keyWrapping';

/** A bot process's records as the app reads them: its data folder's files, opened with its local storage key. */
function storeOf(dataDir: string): EncryptedStore {
  return new EncryptedStore(new FileStorage(join(dataDir, 'state')), LocalKeyFile.open(join(dataDir, 'storage-key'), { create: false }));
}

/** Every record a bot process has stored in its data folder, as "key: value" lines in key order. */
export async function storedState(dataDir: string): Promise<string[]> {
  const storage = storeOf(dataDir);
  const keys = (await storage.list('')).sort();
  return Promise.all(keys.map(async (key) => `${key}: ${JSON.stringify((await storage.read(key))?.value)}`));
}

/** One stored record of a bot process, with its eTag. */
export function storedRecord(dataDir: string, key: string) {
  return storeOf(dataDir).read(key);
}
