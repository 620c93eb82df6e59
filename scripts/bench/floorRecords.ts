import { RestError, BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import { join } from 'path';

/** One JSON record per conversation, read and written once a turn: the least state a card bot keeps. */
export interface RecordStore {
  read(key: string): Promise<{ value: any; version?: string } | undefined>;
  /** Written on condition that nobody wrote since `version` was read (where the store can say). */
  write(key: string, value: unknown, version?: string): Promise<void>;
}

/** A JSON file per conversation, replaced whole (temp file + rename) so a crash never leaves half a record. */
export function fileRecords(folder: string): RecordStore {
  const fileOf = (key: string) => join(folder, `${encodeURIComponent(key)}.json`);
  const made = fs.mkdir(folder, { recursive: true });
  return {
    async read(key) {
      try {
        return { value: JSON.parse(await fs.readFile(fileOf(key), 'utf8')) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(key, value) {
      await made;
      const temp = `${fileOf(key)}.${randomUUID()}.tmp`;
      await fs.writeFile(temp, JSON.stringify(value));
      await fs.rename(temp, fileOf(key));
    }
  };
}

/** A blob per conversation, written with HTTP's own conditions (If-Match, If-None-Match: *). */
export function blobRecords(connectionString: string, containerName: string): RecordStore {
  const container: ContainerClient = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(containerName);
  const ready = container.createIfNotExists();
  return {
    async read(key) {
      try {
        const response = await container.getBlockBlobClient(key).download();
        const chunks: Buffer[] = [];
        for await (const chunk of response.readableStreamBody!) chunks.push(Buffer.from(chunk));
        return { value: JSON.parse(Buffer.concat(chunks).toString('utf8')), version: response.etag };
      } catch (error) {
        if (error instanceof RestError && error.statusCode === 404) return undefined;
        throw error;
      }
    },
    async write(key, value, version) {
      await ready;
      const body = Buffer.from(JSON.stringify(value));
      await container.getBlockBlobClient(key).upload(body, body.length, {
        conditions: version ? { ifMatch: version } : { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' }
      });
    }
  };
}
