import { Injectable } from '@nestjs/common';
import { historyFromAnswers } from '@cairn/instruments';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { EMPTY_HISTORY } from '../clients/client-views';
import { ClientIntake } from '../clients/entities/client-intake.entity';
import { FieldCipher } from '../crypto/field-cipher';
import { createSealed } from '../crypto/sealed-fields';
import type { Assessment } from './entities/assessment.entity';

/** A completed history form fills the client file's history checklist, in the same transaction. */
@Injectable()
export class HistoryFormService {
  constructor(
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  async apply(manager: EntityManager, assessment: Assessment, completedBy: string): Promise<void> {
    const intake = await manager.findOneBy(ClientIntake, { clientId: assessment.clientId });
    const current = { ...EMPTY_HISTORY, ...intake?.history };
    const update = historyFromAnswers(assessment.answers, current);
    if (Object.keys(update).length === 0) return;
    await manager.save(
      createSealed(manager, this.cipher, ClientIntake, {
        clientId: assessment.clientId,
        clinicId: assessment.clinicId,
        presentingConcerns: intake?.presentingConcerns ?? null,
        relationshipStatus: intake?.relationshipStatus ?? null,
        disclosureStatus: intake?.disclosureStatus ?? null,
        history: { ...current, ...update },
        updatedBy: completedBy,
      }),
    );
    await this.audit.record(
      {
        action: 'client.intake_updated',
        entityType: 'client',
        entityId: assessment.clientId,
        detail: { source: 'history_form' },
      },
      manager,
    );
  }
}
