import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { insertAuditRows } from '../../audit/audit-rows';
import { AuditEvent } from '../../audit/entities/audit-event.entity';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { dataSourceOptions } from '../../database/data-source-options';
import { User } from '../../users/entities/user.entity';
import { normaliseEmail } from '../../users/users.service';
import type { AppConfig } from '../../config/app-config';
import { Db } from '../../database/db.service';
import { MailService } from '../../mail/mail.service';
import { mfaResetNotice, removeMfaFactors } from './mfa-reset';

export interface OperatorReset {
  email: string;
  clinicName: string;
  hadFactors: boolean;
  /** The clinic requires MFA of staff and this is staff: the next sign-in enrols. */
  enrolAtSignIn: boolean;
}

/**
 * The operator's reset: as the tables' owner (no clinic scope; outside any request), in one
 * transaction, the account's factors removed and the event audited in its clinic's trail with no
 * acting user; then the person is told by email, as after an admin's reset.
 */
export async function resetMfaByEmail(
  config: AppConfig,
  ownerUrl: string,
  email: string,
): Promise<OperatorReset> {
  const key = normaliseEmail(email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(key))
    throw new Error(`"${email}" is not an email address.`);
  const dataSource = await new DataSource(dataSourceOptions(ownerUrl, 2)).initialize();
  try {
    const { reset, notice } = await dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, {
        where: { email: key },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw new Error(`No account has the email ${key}.`);
      const clinic = await manager.findOneByOrFail(Clinic, { id: user.clinicId });
      const hadFactors = await removeMfaFactors(manager, user);
      await insertAuditRows(manager, [
        Object.assign(new AuditEvent(), {
          id: randomUUID(),
          occurredAt: new Date(),
          userId: null,
          role: null,
          clinicId: user.clinicId,
          clientId: null,
          action: 'mfa.reset_by_operator',
          entityType: 'user',
          entityId: user.id,
          outcome: 'success',
          requestId: null,
          ip: null,
          detail: { hadFactors },
        }),
      ]);
      const enrolAtSignIn = user.role !== 'client' && clinic.mfaRequiredForStaff;
      return {
        reset: { email: user.email, clinicName: clinic.name, hadFactors, enrolAtSignIn },
        notice: mfaResetNotice(user, config.publicUrl, enrolAtSignIn),
      };
    });
    // After the commit, as a request would: the delivery is recorded like every other mail.
    const mail = new MailService(config, new Db(dataSource));
    mail.onModuleInit();
    try {
      await mail.send(notice);
    } finally {
      await mail.onApplicationShutdown();
    }
    return reset;
  } finally {
    await dataSource.destroy();
  }
}
