import { Injectable } from '@nestjs/common';
import type { ClinicSettings, ClinicSettingsView } from '@cairn/contracts';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuditDetail } from '../audit/entities/audit-event.entity';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Db } from '../database/db.service';
import { settingsOf, settingsView } from './clinic-settings';
import type { UpdateClinicSettingsDto } from './dto/clinic-settings.dto';
import { Clinic } from './entities/clinic.entity';

/** Fields whose old and new values go into the audit row; the free texts are only named. */
const VALUES_AUDITED = [
  'name',
  'phone',
  'timeZone',
  'paperSize',
  'senderName',
  'idleTimeoutMinutes',
] as const satisfies readonly (keyof ClinicSettings)[];

const FIELDS = [
  ...VALUES_AUDITED,
  'address',
  'crisisResources',
] as const satisfies readonly (keyof ClinicSettings)[];

/** The clinic's settings: read and changed by its admins, every change audited. */
@Injectable()
export class ClinicSettingsService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async get(actor: AuthenticatedUser): Promise<ClinicSettingsView> {
    await this.authorize(actor, 'view');
    return settingsView(await this.db.manager.findOneByOrFail(Clinic, { id: actor.clinicId }));
  }

  async update(
    actor: AuthenticatedUser,
    body: UpdateClinicSettingsDto,
  ): Promise<ClinicSettingsView> {
    await this.authorize(actor, 'edit');
    const manager = this.db.manager;
    // The row lock serialises two admins saving at once, so each audit row's "from" is true.
    const clinic = await manager.findOneOrFail(Clinic, {
      where: { id: actor.clinicId },
      lock: { mode: 'pessimistic_write' },
    });
    const before = settingsOf(clinic);
    const after: ClinicSettings = {
      name: body.name,
      address: body.address ?? null,
      phone: body.phone ?? null,
      timeZone: body.timeZone,
      paperSize: body.paperSize,
      crisisResources: body.crisisResources,
      senderName: body.senderName,
      idleTimeoutMinutes: body.idleTimeoutMinutes,
    };
    const changed = FIELDS.filter((field) => before[field] !== after[field]);
    // Every field is stored as chosen, so a later change of time zone moves nothing by itself.
    await manager.update(Clinic, { id: clinic.id }, after);
    Object.assign(clinic, after);
    if (changed.length > 0) {
      const detail: AuditDetail = { changed: changed.join(', ') };
      for (const field of VALUES_AUDITED) {
        if (!changed.includes(field)) continue;
        detail[`${field}.from`] = before[field];
        detail[`${field}.to`] = after[field];
      }
      await this.audit.record({
        action: 'clinic.settings_updated',
        entityType: 'clinic',
        entityId: clinic.id,
        detail,
      });
    }
    return settingsView(clinic);
  }

  private async authorize(actor: AuthenticatedUser, action: 'view' | 'edit'): Promise<void> {
    await this.access.authorize(
      actor,
      'clinic_settings',
      { clinicId: actor.clinicId },
      action,
      actor.clinicId,
    );
  }
}
