import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from './botProcess';

const ACCOUNT = 'devstoreaccount1';
// Azurite's published development key: it protects nothing.
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  connectionString: string;
  /** Stops the emulator; `start` brings it back on the same port with the same data (an outage). */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Azure Storage's emulator (the azurite npm package), blob service only, on 127.0.0.1. */
export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  const location = mkdtempSync(join(tmpdir(), 'azurite-'));
  let child: ChildProcess | undefined;
  const azurite: Azurite = {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
    async start() {
      child = spawn(process.execPath, [require.resolve('azurite/dist/src/blob/main.js'), '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', location, '--silent', '--skipApiVersionCheck', '--loose'], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        const up = await fetch(`http://127.0.0.1:${port}/${ACCOUNT}?comp=list`).then(() => true, () => false);
        if (up) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('Azurite did not start');
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        // Gracefully: Azurite writes its metadata on the way out, as a real service keeps its data through an outage.
        child.kill('SIGTERM');
      })
  };
  await azurite.start();
  return azurite;
}
