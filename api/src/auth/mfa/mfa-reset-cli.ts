import 'reflect-metadata';
import { loadConfig, requireMailTransport } from '../../config/app-config';
import { openOwnerDatabase } from '../../backup/owner-database';
import { resetMfaByEmail } from './operator-mfa-reset';

/**
 * `npm run mfa:reset -- --email owner@example.org` (in the image:
 * `node dist/api/api/src/auth/mfa/mfa-reset-cli.js --email owner@example.org`) removes the
 * second sign-in step of one account, for a clinic whose only admin lost their phone and their
 * recovery codes. Run by the installation's operator, on the database Cairn is configured for;
 * audited in that clinic's trail. Exits 1 on any failure.
 */
async function main(): Promise<void> {
  const email = emailArgument(process.argv.slice(2));
  const config = loadConfig();
  requireMailTransport(config);
  const log = (line: string) => process.stderr.write(`mfa:reset: ${line}\n`);
  const database = await openOwnerDatabase(config, log);
  try {
    const reset = await resetMfaByEmail(config, database.url, email);
    process.stdout.write(
      `${reset.hadFactors ? 'Reset' : 'Nothing to reset: no second step was set up for'} ` +
        `${reset.email} (${reset.clinicName}). They sign in with their password next` +
        (reset.enrolAtSignIn
          ? ' and set up an authenticator app then (the clinic requires it).\n'
          : '.\n'),
    );
  } finally {
    await database.stop();
  }
}

function emailArgument(args: string[]): string {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--email' && args[index + 1]) return args[index + 1] ?? '';
    if (arg.startsWith('--email=')) return arg.slice('--email='.length);
  }
  throw new Error('Name the account: npm run mfa:reset -- --email person@example.org');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `MFA reset failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
