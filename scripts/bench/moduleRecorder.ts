import { writeFileSync } from 'fs';
import { sep } from 'path';

/**
 * Preloaded into the app (node -r): on SIGUSR2 it writes every file under node_modules the
 * process has loaded so far, in the order they were loaded, to BENCH_MODULES_OUT, so the SDK-only
 * start (sdkOnly.ts) can load exactly those.
 */
process.on('SIGUSR2', () => {
  const loaded = Object.keys(require.cache).filter((file) => file.includes(`${sep}node_modules${sep}`));
  writeFileSync(process.env.BENCH_MODULES_OUT!, JSON.stringify(loaded));
});
