import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { DevelopmentConversation } from '../src/domain/conversation';
import { EncryptedStore } from '../src/storage/encryptedStore';
import { FileStorage } from '../src/storage/fileStorage';
import { ETagConflictError, type KeyValueStore, type StoredItem, type WriteCondition } from '../src/storage/keyValueStore';
import { LocalKeyFile } from '../src/storage/keyWrapping';
import { fullPlan } from './bench/fullPlan';
import { median, msSince, percentile } from './bench/stats';

/**
 * What encryption at rest costs a turn: a read and a conditional write of one conversation record
 * of about 20 KB, as a turn does, with and without the encrypting store, its data key already in
 * memory (the usual case: the cost of a Key Vault unwrap is paid once per record and process).
 * Over file storage (local mode: the file store keeps recent records in memory, so the read does
 * not open a file but the write writes one) and over a store in memory (the CPU cost alone).
 * The two are measured in alternating rounds so that the machine's load falls on both alike.
 *
 *   npx tsc -p . && node dist/scripts/encryption-cost.js
 */
class MapStore implements KeyValueStore {
  private readonly items = new Map<string, string>();
  async read(key: string): Promise<StoredItem | undefined> {
    const text = this.items.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as StoredItem);
  }
  async write(key: string, value: unknown, condition: WriteCondition): Promise<void> {
    const stored = this.items.get(key);
    const eTag = stored === undefined ? undefined : (JSON.parse(stored) as StoredItem).eTag;
    if (condition !== 'any' && ('ifAbsent' in condition ? stored !== undefined : eTag !== condition.ifMatch)) throw new ETagConflictError(key);
    this.items.set(key, JSON.stringify({ value, eTag: randomUUID() }));
  }
  async delete(key: string): Promise<void> {
    this.items.delete(key);
  }
  async list(prefix: string): Promise<string[]> {
    return [...this.items.keys()].filter((k) => k.startsWith(prefix));
  }
}

/** A conversation record of about 20 KB: the full plan with longer notes. */
function record(): DevelopmentConversation {
  const plan = fullPlan();
  const notes = { ...plan.notes };
  for (const id of Object.keys(notes)) notes[id] = `${notes[id]} `.repeat(5).trim();
  return { ...plan, notes };
}

async function turns(store: KeyValueStore, key: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const item = (await store.read(key))!;
    const value = item.value as DevelopmentConversation;
    await store.write(key, { ...value, revision: value.revision + 1 }, { ifMatch: item.eTag });
    times.push(msSince(start));
  }
  return times;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'encryption-cost-'));
  try {
    const keys = LocalKeyFile.open(join(folder, 'storage-key'), { create: true });
    const value = record();
    console.log(`record: ${(Buffer.byteLength(JSON.stringify(value)) / 1024).toFixed(1)} KB of JSON`);
    for (const [place, open] of [
      ['file storage', (name: string) => new FileStorage(join(folder, name))],
      ['in memory', () => new MapStore()]
    ] as const) {
      const plain = open('plain');
      const sealed = new EncryptedStore(open('sealed'), keys);
      await plain.write('conversation/c', value, 'any');
      await sealed.write('conversation/c', value, 'any');
      const results = { plain: [] as number[], sealed: [] as number[] };
      await turns(plain, 'conversation/c', 200); // warm-up
      await turns(sealed, 'conversation/c', 200);
      for (let round = 0; round < 10; round++) {
        results.plain.push(...(await turns(plain, 'conversation/c', 200)));
        results.sealed.push(...(await turns(sealed, 'conversation/c', 200)));
      }
      const row = (name: string, t: number[]) => `${name.padEnd(10)} median ${median(t).toFixed(3)} ms   p99 ${percentile(t, 99).toFixed(3)} ms`;
      console.log(`\n${place}, read + conditional write, ${results.plain.length} turns each`);
      console.log(row('plain', results.plain));
      console.log(row('encrypted', results.sealed));
      console.log(`overhead   median +${(median(results.sealed) - median(results.plain)).toFixed(3)} ms`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
