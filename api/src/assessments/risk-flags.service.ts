import { Injectable } from '@nestjs/common';
import type { RiskFlagView } from '@cairn/contracts';
import { findInstrument, type RaisedRisk } from '@cairn/instruments';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FieldCipher } from '../crypto/field-cipher';
import { openRawField, sealFields } from '../crypto/sealed-fields';
import type { Assessment } from './entities/assessment.entity';
import { RiskFlag } from './entities/risk-flag.entity';

interface FlagRow {
  id: string;
  assessment_id: string;
  client_id: string;
  client_name: string;
  instrument_code: string;
  rule_id: string;
  item_id: string;
  value: number;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by_name: string | null;
  acknowledgement_note_key_id: string | null;
  acknowledgement_note_sealed: Buffer | null;
}

export type FlagScope = { assessmentId: string } | { clientId: string } | { therapistId: string };

/**
 * Risk flags: raised the moment a risk answer is saved (not only on completion, so an abandoned
 * questionnaire still reaches the therapist), shown until the treating therapist acknowledges them.
 */
@Injectable()
export class RiskFlagsService {
  constructor(
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  /** Raises each risk once per administration; raising again is a no-op. */
  async raise(manager: EntityManager, assessment: Assessment, risks: RaisedRisk[]): Promise<void> {
    for (const risk of risks) {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(RiskFlag)
        .values({
          clinicId: assessment.clinicId,
          clientId: assessment.clientId,
          assessmentId: assessment.id,
          ruleId: risk.ruleId,
          itemId: risk.itemId,
          value: risk.value,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const created = (inserted.raw as { id: string }[])[0];
      if (created) {
        await this.audit.record(
          {
            action: 'risk_flag.raised',
            entityType: 'risk_flag',
            entityId: created.id,
            detail: { assessment: assessment.id, rule: risk.ruleId },
          },
          manager,
        );
      }
    }
  }

  async acknowledge(
    manager: EntityManager,
    actorId: string,
    assessmentId: string,
    note: string | null,
  ): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(RiskFlag)
      .set({ acknowledgedAt: () => 'now()', acknowledgedBy: actorId })
      .where('assessment_id = :assessmentId AND acknowledged_at IS NULL', { assessmentId })
      .returning(['id'])
      .execute();
    const flags = result.raw as { id: string }[];
    for (const flag of flags) {
      // Each flag's note is sealed for that flag: a ciphertext opens only on its own row.
      if (note !== null)
        await manager.update(
          RiskFlag,
          { id: flag.id },
          sealFields(this.cipher, RiskFlag, flag.id, { acknowledgementNote: note }),
        );
      await this.audit.record(
        { action: 'risk_flag.acknowledged', entityType: 'risk_flag', entityId: flag.id },
        manager,
      );
    }
    return flags.length;
  }

  /** Flags in a clinic for one administration, one client, or a therapist's caseload. */
  async list(
    manager: EntityManager,
    clinicId: string,
    scope: FlagScope,
    openOnly: boolean,
  ): Promise<RiskFlagView[]> {
    const [column, value] =
      'assessmentId' in scope
        ? ['f.assessment_id', scope.assessmentId]
        : 'clientId' in scope
          ? ['f.client_id', scope.clientId]
          : ['c.primary_therapist_id', scope.therapistId];
    const rows = await manager.query<FlagRow[]>(
      `SELECT f.id, f.assessment_id, f.client_id, coalesce(c.preferred_name, c.legal_name) AS client_name,
              a.instrument_code, f.rule_id, f.item_id, f.value, f.raised_at, f.acknowledged_at,
              u.display_name AS acknowledged_by_name, f.acknowledgement_note_key_id,
              f.acknowledgement_note_sealed
         FROM risk_flags f
         JOIN clients c ON c.id = f.client_id
         JOIN assessments a ON a.id = f.assessment_id
         LEFT JOIN users u ON u.id = f.acknowledged_by
        WHERE f.clinic_id = $1 AND ${column} = $2 ${openOnly ? 'AND f.acknowledged_at IS NULL' : ''}
        ORDER BY f.raised_at DESC`,
      [clinicId, value],
    );
    return rows.map((row) => ({
      id: row.id,
      assessmentId: row.assessment_id,
      clientId: row.client_id,
      clientName: row.client_name,
      instrumentCode: row.instrument_code,
      itemId: row.item_id,
      value: row.value,
      message:
        findInstrument(row.instrument_code)?.riskRules.find((rule) => rule.id === row.rule_id)
          ?.message ?? row.rule_id,
      raisedAt: row.raised_at.toISOString(),
      acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
      acknowledgedBy: row.acknowledged_by_name,
      note: openRawField(
        this.cipher,
        RiskFlag,
        'acknowledgementNote',
        row.id,
        row.acknowledgement_note_key_id,
        row.acknowledgement_note_sealed,
      ) as string | null,
    }));
  }
}
