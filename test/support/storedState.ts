import { join } from 'path';
import { FileStorage } from '../../src/storage/fileStorage';

/** Every record a bot process has stored in its data folder, as "key: value" lines in key order. */
export async function storedState(dataDir: string): Promise<string[]> {
  const storage = new FileStorage(join(dataDir, 'state'));
  const keys = (await storage.list('')).sort();
  return Promise.all(keys.map(async (key) => `${key}: ${JSON.stringify((await storage.read(key))?.value)}`));
}

/** One stored record of a bot process, with its eTag. */
export function storedRecord(dataDir: string, key: string) {
  return new FileStorage(join(dataDir, 'state')).read(key);
}
