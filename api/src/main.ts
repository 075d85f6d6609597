import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { ConfigError, loadConfig, requireMailTransport, type AppConfig } from './config/app-config';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo-seed';
import { startServer } from './server';

async function main(): Promise<void> {
  const logger = new ConsoleLogger('Cairn', { json: true });
  let config: AppConfig;
  try {
    config = loadConfig();
    requireMailTransport(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(`Refusing to start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  logger.setLogLevels(levelsFrom(config.logLevel));

  const server = await startServer(config, logger);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  printWelcome(config);
}

function printWelcome(config: AppConfig): void {
  const url = `http://localhost:${config.port}`;
  const lines = [`Cairn is running at ${url}  (API docs: ${url}/api/docs)`];
  if (config.seedDemoData) {
    lines.push(`Demo sign-ins (password ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) lines.push(`  ${user.role.padEnd(10)} ${user.email}`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

function levelsFrom(
  level: AppConfig['logLevel'],
): ('debug' | 'log' | 'warn' | 'error' | 'fatal')[] {
  const order = ['debug', 'log', 'warn', 'error', 'fatal'] as const;
  return order.slice(order.indexOf(level));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Cairn failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
