import { ConfigError, loadConfig } from './config';
import { ConceptError } from './domain/concept';
import { loggerFor } from './log';
import { unsupportedNode } from './nodeVersion';
import { startApp } from './runtime';

// Read before the configuration: a broken configuration is logged too.
const log = loggerFor(process.env.LOG_FORMAT);

// A promise no one waited for must not end the process (Node's default): logged, without content.
process.on('unhandledRejection', (reason) => {
  log.error('unhandled rejection', { error: reason instanceof Error ? reason.name : typeof reason });
});

async function main(): Promise<void> {
  const unsupported = unsupportedNode();
  if (unsupported) throw new ConfigError(unsupported);
  log.info('starting', { node: process.version });
  const app = await startApp(loadConfig(process.env), log);
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: Error) => {
  // A broken configuration or concept file stops start-up with a message that names what is wrong.
  const known = error instanceof ConfigError || error instanceof ConceptError;
  log.error('start-up failed', { error: known ? error.message : String(error.stack ?? error) });
  process.exit(1);
});
