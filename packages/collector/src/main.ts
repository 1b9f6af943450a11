import type { AddressInfo } from 'node:net';
import { readConfig } from './config.ts';
import { createConsoleLogger } from './logger.ts';
import { createCollector } from './server.ts';
import { createEventStore } from './store.ts';

// `pnpm collector`: configuration from the environment (see config.ts), Ctrl-C to stop.
const log = createConsoleLogger();

function start(): void {
  const config = readConfig(process.env);
  for (const warning of config.warnings) log.warn(warning);
  if (config.adminTokenGenerated) {
    log.info(`TEBIKI_ADMIN_TOKEN is not set; generated one for this run: ${config.adminToken}`);
  }

  const store = createEventStore(config.dbPath);
  const collector = createCollector({
    store,
    writeKeys: config.writeKeys,
    adminToken: config.adminToken,
    log,
  });

  collector.server.once('error', (error) => {
    log.error(`could not listen on ${config.host}:${config.port}`, error);
    store.close();
    process.exit(1);
  });
  collector.server.listen(config.port, config.host, () => {
    const { port } = collector.server.address() as AddressInfo;
    const origin = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const dashboard = `${origin}/?token=${encodeURIComponent(config.adminToken)}`;
    log.info(`listening on ${origin}  dashboard: ${dashboard}`);
    log.info(`database: ${config.dbPath}`);
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: finishing in-flight requests, then closing the database`);
    collector.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  start();
} catch (error) {
  log.error(error instanceof Error ? error.message : `could not start: ${String(error)}`);
  process.exit(1);
}
