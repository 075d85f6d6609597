import { Injectable } from '@nestjs/common';
import {
  MINOR_AGE,
  todayIn,
  type RetentionFile,
  type RetentionPolicy,
  type RetentionReview,
} from '@cairn/contracts';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Clinic } from '../clinics/entities/clinic.entity';
import { AccessService } from '../access/access.service';
import { Db } from '../database/db.service';
import type { RetentionPolicyDto, RetentionQueryDto } from './dto/retention.dto';
import { yearsBefore } from './retention-period';
import { RETENTION_COUNT_SQL, RETENTION_PAGE_SQL, type RetentionRow } from './retention-query';

/**
 * Retention, not deletion: an admin sees which closed files are older than the clinic's period,
 * to decide about them under the clinic's own policy. Nothing here removes or changes a record;
 * the list holds who and when, never what the records say. Every look at it is audited.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async review(actor: AuthenticatedUser, query: RetentionQueryDto): Promise<RetentionReview> {
    await this.access.authorize(
      actor,
      'retention',
      { clinicId: actor.clinicId },
      'review',
      'clinic',
    );
    const manager = this.db.manager;
    const clinic = await manager.findOneByOrFail(Clinic, { id: actor.clinicId });
    const cutoffOn = yearsBefore(todayIn(clinic.timeZone), clinic.retentionYears);
    const scope = [clinic.id, clinic.timeZone, cutoffOn];
    const [{ total }] = await manager.query<{ total: number }[]>(RETENTION_COUNT_SQL, scope);
    const rows = await manager.query<RetentionRow[]>(RETENTION_PAGE_SQL, [
      ...scope,
      MINOR_AGE,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    ]);
    await this.audit.record({
      action: 'retention.reviewed',
      entityType: 'clinic',
      entityId: clinic.id,
      detail: { retentionYears: clinic.retentionYears, cutoffOn, total, page: query.page },
    });
    return {
      retentionYears: clinic.retentionYears,
      cutoffOn,
      items: rows.map(toRetentionFile),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async updatePolicy(actor: AuthenticatedUser, body: RetentionPolicyDto): Promise<RetentionPolicy> {
    await this.access.authorize(
      actor,
      'retention',
      { clinicId: actor.clinicId },
      'set_period',
      'clinic',
    );
    const manager = this.db.manager;
    // The row lock serialises two admins changing the period, so each audit row's "from" is true.
    const clinic = await manager.findOneOrFail(Clinic, {
      where: { id: actor.clinicId },
      lock: { mode: 'pessimistic_write' },
    });
    const from = clinic.retentionYears;
    await manager.update(Clinic, { id: clinic.id }, { retentionYears: body.retentionYears });
    await this.audit.record({
      action: 'retention.policy_updated',
      entityType: 'clinic',
      entityId: clinic.id,
      detail: { from, to: body.retentionYears },
    });
    return { retentionYears: body.retentionYears };
  }
}

function toRetentionFile(row: RetentionRow): RetentionFile {
  return {
    clientId: row.id,
    legalName: row.legal_name,
    preferredName: row.preferred_name,
    status: row.status,
    dateOfBirth: row.date_of_birth,
    primaryTherapist:
      row.therapist_id && row.therapist_name !== null
        ? {
            id: row.therapist_id,
            displayName: row.therapist_name,
            isActive: row.therapist_active === true,
          }
        : null,
    lastActivityOn: row.last_on,
    minorAtLastActivity: row.minor,
  };
}
