import type { MailOutcome, PortalInvite } from '@cairn/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { insertAuditRows } from '../audit/audit-rows';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { isUniqueViolation } from '../database/database-errors';
import { openDatabase } from '../database/database-runtime';
import { Db } from '../database/db.service';
import { applyMigrations, withMaintenanceLock } from '../database/migrate';
import { applyRuntimeGrants } from '../database/runtime-grants';
import { syncHomeworkLibrary } from '../homework/homework-templates.service';
import { InvitesService } from '../invites/invites.service';
import { MailDelivery } from '../mail/entities/mail-delivery.entity';
import { MailService } from '../mail/mail.service';
import { User } from '../users/entities/user.entity';
import { normaliseEmail } from '../users/users.service';
import { Clinic } from './entities/clinic.entity';

export interface NewClinic {
  name: string;
  timeZone: string;
  adminEmail: string;
  adminName: string;
}

export interface CreatedClinic {
  clinicId: string;
  adminId: string;
  invite: PortalInvite;
  /** What became of the invitation mail; the link is printed whatever it was. */
  mailOutcome: MailOutcome | null;
}

/** Input that `clinic:create` refuses, with a message a person can act on. */
export class ClinicInputError extends Error {}

const USAGE =
  'Usage: npm run clinic:create -- --name "Riverside Counselling" --time-zone America/Chicago ' +
  '--admin-email owner@example.org --admin-name "Ana Ruiz"';

const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:.]{2,}$/;

/** Reads `--name`, `--time-zone`, `--admin-email`, `--admin-name` (also as `--flag=value`). */
export function parseNewClinic(argv: readonly string[]): NewClinic {
  const flags = new Map<string, string>();
  const known = ['name', 'time-zone', 'admin-email', 'admin-name'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1] || !known.includes(match[1])) {
      throw new ClinicInputError(`Unknown argument "${arg}".\n${USAGE}`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new ClinicInputError(`--${match[1]} needs a value.\n${USAGE}`);
    flags.set(match[1], value);
  }
  const missing = known.filter((flag) => !flags.get(flag)?.trim());
  if (missing.length) {
    throw new ClinicInputError(
      `Missing ${missing.map((flag) => `--${flag}`).join(', ')}.\n${USAGE}`,
    );
  }
  return validateNewClinic({
    name: flags.get('name') ?? '',
    timeZone: flags.get('time-zone') ?? '',
    adminEmail: flags.get('admin-email') ?? '',
    adminName: flags.get('admin-name') ?? '',
  });
}

export function validateNewClinic(input: NewClinic): NewClinic {
  const name = input.name.trim();
  const adminName = input.adminName.trim();
  const adminEmail = normaliseEmail(input.adminEmail);
  const timeZone = input.timeZone.trim();
  if (name.length < 2 || name.length > 200) {
    throw new ClinicInputError('--name must be 2 to 200 characters.');
  }
  if (adminName.length < 2 || adminName.length > 120) {
    throw new ClinicInputError('--admin-name must be 2 to 120 characters.');
  }
  if (adminEmail.length > 254 || !EMAIL.test(adminEmail)) {
    throw new ClinicInputError(`--admin-email "${input.adminEmail}" is not a valid email address.`);
  }
  if (!isTimeZone(timeZone)) {
    throw new ClinicInputError(
      `--time-zone "${input.timeZone}" is not a known IANA time zone (e.g. America/Chicago, Europe/London).`,
    );
  }
  return { name, timeZone, adminEmail, adminName };
}

/** An IANA zone name as the runtime knows it ("America/Chicago"), not an abbreviation ("CST"). */
export function isTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  return Intl.supportedValuesOf('timeZone').includes(zone);
}

/**
 * Creates a clinic the way the server opens its database: migrations and grants under the
 * start-up lock; then, as the owner in one transaction, the clinic, its starting homework
 * library and its first admin (no password yet); then, as the runtime role like the app, the
 * admin's invitation, mailed once it is committed. Each run creates another clinic.
 */
export async function createClinic(
  config: AppConfig,
  input: NewClinic,
  log: (line: string) => void,
): Promise<CreatedClinic> {
  const wanted = validateNewClinic(input);
  // PostgreSQL's own lines stay out of the output, as the server keeps them at debug level.
  const database = await openDatabase(config, () => undefined);
  try {
    const { clinicId, adminId } = await withMaintenanceLock(database.ownerUrl, async (owner) => {
      const applied = await applyMigrations(owner);
      if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
      await applyRuntimeGrants((sql) => owner.query(sql), database.runtimeRole);
      return owner.transaction(async (manager) => {
        // Addresses are unique across the installation: sign-in finds the clinic by the email.
        const taken = await manager.query<unknown[]>('SELECT 1 FROM users WHERE email = $1', [
          wanted.adminEmail,
        ]);
        if (taken.length) throw emailInUse(wanted.adminEmail);
        const clinic = await manager.save(
          manager.create(Clinic, { name: wanted.name, timeZone: wanted.timeZone }),
        );
        await syncHomeworkLibrary(manager, clinic.id);
        let admin: User;
        try {
          admin = await manager.save(
            manager.create(User, {
              clinicId: clinic.id,
              email: wanted.adminEmail,
              displayName: wanted.adminName,
              role: 'admin',
              passwordHash: null,
              isActive: true,
              passwordChangedAt: null,
            }),
          );
        } catch (error) {
          if (isUniqueViolation(error, 'users_email_key')) throw emailInUse(wanted.adminEmail);
          throw error;
        }
        await insertAuditRows(manager, [
          Object.assign(new AuditEvent(), {
            id: randomUUID(),
            occurredAt: new Date(),
            userId: null,
            role: null,
            clinicId: clinic.id,
            clientId: null,
            action: 'clinic.created',
            entityType: 'clinic',
            entityId: clinic.id,
            outcome: 'success',
            requestId: null,
            ip: null,
            detail: { source: 'clinic:create', adminUserId: admin.id },
          }),
        ]);
        return { clinicId: clinic.id, adminId: admin.id };
      });
    });
    log(`Created the clinic "${wanted.name}" (${clinicId}) with its homework library`);

    const runtime = await new DataSource(dataSourceOptions(database.runtimeUrl, 2)).initialize();
    const db = new Db(runtime);
    const mail = new MailService(config, db);
    mail.onModuleInit();
    try {
      const invites = new InvitesService(config, mail);
      const invite = await db.forClinic(clinicId, async (manager) => {
        const admin = await manager.findOneByOrFail(User, { id: adminId });
        // The first admin is invited by nobody in the clinic: the row names them as its maker.
        return invites.issue(manager, admin, admin.id);
      });
      await mail.settled();
      const delivery = await db.forClinic(clinicId, (manager) =>
        manager.findOne(MailDelivery, {
          where: { recipient: wanted.adminEmail, kind: 'staff_invitation' },
          order: { createdAt: 'DESC' },
        }),
      );
      return { clinicId, adminId, invite, mailOutcome: delivery?.outcome ?? null };
    } finally {
      await mail.onApplicationShutdown();
      await runtime.destroy();
    }
  } finally {
    await database.stop();
  }
}

function emailInUse(email: string): ClinicInputError {
  return new ClinicInputError(
    `--admin-email ${email} is already in use by another account (an address signs in to one account only).`,
  );
}
