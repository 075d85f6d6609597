import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig, requireMailTransport } from '../config/app-config';
import { ClinicInputError, createClinic, parseNewClinic } from './create-clinic';

/**
 * `npm run clinic:create -- --name "Riverside Counselling" --time-zone America/Chicago
 * --admin-email owner@example.org --admin-name "Ana Ruiz"` (in the image:
 * `node dist/api/api/src/clinics/clinic-create-cli.js --name ...`). Creates a clinic and mails
 * its first admin an invitation; the link is printed on standard output too, progress goes to
 * standard error. Exits 2 when the input is refused, 1 on any other failure.
 */
async function main(): Promise<void> {
  // Standard output carries the result alone (a script may read the link from it).
  const toStderr = (message: unknown) =>
    process.stderr.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  Logger.overrideLogger({ log: toStderr, error: toStderr, warn: toStderr, debug: () => undefined });
  const input = parseNewClinic(process.argv.slice(2));
  const config = loadConfig();
  requireMailTransport(config);
  const log = (line: string) => process.stderr.write(`clinic:create: ${line}\n`);
  const created = await createClinic(config, input, log);
  const sent =
    created.mailOutcome === 'sent'
      ? config.mail.smtpUrl
        ? `Invitation mailed to ${input.adminEmail.trim().toLowerCase()}.`
        : `Invitation written under ${config.mail.fileDir} (no SMTP_URL set).`
      : `The invitation mail was NOT delivered (${created.mailOutcome ?? 'unknown'}): give the link below to the admin yourself.`;
  log(sent);
  process.stdout.write(
    [
      `Clinic: ${input.name.trim()} (${created.clinicId})`,
      `Admin invitation for ${input.adminName.trim()}, valid until ${created.invite.expiresAt}:`,
      created.invite.inviteUrl,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  const refused = error instanceof ClinicInputError;
  process.stderr.write(
    `${refused ? 'Refused' : 'clinic:create failed'}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(refused ? 2 : 1);
});
