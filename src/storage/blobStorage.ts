import { RestError, type ContainerClient } from '@azure/storage-blob';
import { UnreadableRecordError } from '../app/ports';
import { decodeKey, encodeKey, encodePrefix } from './keyNames';
import { ETagConflictError, type KeyValueStore, type StoredItem, type WriteCondition } from './keyValueStore';

/**
 * Production storage: one JSON blob per key in an Azure Blob Storage container. Conditions are
 * HTTP's own: If-Match with the read eTag, If-None-Match: * for create-only. (botbuilder-azure-blobs
 * has no create-only write and cannot list, which the outbox needs, so this talks to the SDK directly.)
 */
export class BlobStorage implements KeyValueStore {
  private ready?: Promise<unknown>;

  constructor(private readonly container: ContainerClient) {}

  async read(key: string): Promise<StoredItem | undefined> {
    try {
      // One request: the body and the eTag of exactly that body.
      const response = await this.container.getBlockBlobClient(blobName(key)).download();
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody!) chunks.push(Buffer.from(chunk));
      return { value: parsed(key, Buffer.concat(chunks).toString('utf8')), eTag: response.etag ?? '' };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async write(key: string, value: unknown, condition: WriteCondition): Promise<void> {
    this.ready ??= this.container.createIfNotExists();
    await this.ready;
    const body = Buffer.from(JSON.stringify(value));
    const conditions = condition === 'any' ? {} : 'ifAbsent' in condition ? { ifNoneMatch: '*' } : { ifMatch: condition.ifMatch };
    try {
      await this.container.getBlockBlobClient(blobName(key)).upload(body, body.length, {
        conditions,
        blobHTTPHeaders: { blobContentType: 'application/json' }
      });
    } catch (error) {
      if (error instanceof RestError && (error.statusCode === 412 || error.statusCode === 409)) throw new ETagConflictError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.container.getBlockBlobClient(blobName(key)).deleteIfExists();
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat({ prefix: encodePrefix(prefix) })) keys.push(decodeKey(blob.name));
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return [];
      throw error;
    }
    return keys;
  }
}

const blobName = (key: string): string => encodeKey(key).join('/');

/** A blob that is not JSON (empty, cut short) is an unreadable record, not an outage. */
function parsed(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UnreadableRecordError(key);
  }
}
