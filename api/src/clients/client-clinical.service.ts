import { Injectable, NotFoundException } from '@nestjs/common';
import type {
  ClientClinical,
  ClientHistory,
  TimelineEvent,
  TreatmentPhaseEntry,
} from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { FieldValidationException } from '../http/api-exception.filter';
import { AccessService } from '../access/access.service';
import { EMPTY_HISTORY, toPhaseEntry, toTimelineEvent } from './client-views';
import type {
  TimelineEventDto,
  TreatmentPhaseDto,
  UpdateTimelineEventDto,
} from './dto/client-actions.dto';
import type { ClientIntakeDto } from './dto/client-intake.dto';
import { FieldCipher } from '../crypto/field-cipher';
import { sealFields, createSealed } from '../crypto/sealed-fields';
import { ClientIntake } from './entities/client-intake.entity';
import { TimelineEventRecord } from './entities/timeline-event.entity';
import { TreatmentPhaseRecord } from './entities/treatment-phase.entity';
import { Db } from '../database/db.service';
import { readClinical } from './clinical-rows';

/**
 * The clinical side of a client file: intake, betrayal timeline and phase of care. Only the
 * treating therapist reaches these (the access layer decides), and every
 * change is audited.
 */
@Injectable()
export class ClientClinicalService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  /** Call only after the access layer granted reading the intake. */
  async read(manager: EntityManager, clientId: string): Promise<ClientClinical> {
    return readClinical(manager, this.cipher, clientId);
  }

  /** Merges an intake update into the stored intake; each history item sent replaces that item. */
  async updateIntake(
    manager: EntityManager,
    actor: AuthenticatedUser,
    clientId: string,
    dto: ClientIntakeDto,
  ): Promise<void> {
    const current = await manager.findOneBy(ClientIntake, { clientId });
    const next = createSealed(manager, this.cipher, ClientIntake, {
      clientId,
      clinicId: actor.clinicId,
      presentingConcerns: pick(dto.presentingConcerns, current?.presentingConcerns ?? null),
      relationshipStatus: pick(dto.relationshipStatus, current?.relationshipStatus ?? null),
      disclosureStatus: pick(dto.disclosureStatus, current?.disclosureStatus ?? null),
      history: mergeHistory(current?.history ?? EMPTY_HISTORY, dto.history ?? {}),
      updatedBy: actor.id,
    });
    await manager.save(next);
  }

  async addTimelineEvent(
    actor: AuthenticatedUser,
    clientId: string,
    dto: TimelineEventDto,
  ): Promise<TimelineEvent> {
    requireLabelForOther(dto.kind, dto.label ?? null);
    return this.db.transaction(async (manager) => {
      await this.access.inFile(actor, clientId, 'timeline_event', 'create', {
        manager,
        lock: true,
      });
      const record = createSealed(manager, this.cipher, TimelineEventRecord, {
        clientId,
        clinicId: actor.clinicId,
        kind: dto.kind,
        label: dto.label ?? null,
        occurredOn: dto.occurredOn,
        note: dto.note ?? null,
        createdBy: actor.id,
        removedAt: null,
      });
      await manager.save(record);
      await this.audit.record(
        { action: 'client.timeline_added', entityType: 'timeline_event', entityId: record.id },
        manager,
      );
      return toTimelineEvent(record);
    });
  }

  async updateTimelineEvent(
    actor: AuthenticatedUser,
    clientId: string,
    eventId: string,
    dto: UpdateTimelineEventDto,
  ): Promise<TimelineEvent> {
    return this.db.transaction(async (manager) => {
      const record = await this.timelineEvent(actor, manager, clientId, eventId, 'edit');
      const merged = {
        kind: dto.kind ?? record.kind,
        label: pick(dto.label, record.label),
        occurredOn: dto.occurredOn ?? record.occurredOn,
        note: pick(dto.note, record.note),
      };
      requireLabelForOther(merged.kind, merged.label);
      const { note, ...clear } = merged;
      await manager.update(
        TimelineEventRecord,
        { id: eventId },
        { ...clear, ...sealFields(this.cipher, TimelineEventRecord, eventId, { note }) },
      );
      await this.audit.record(
        { action: 'client.timeline_updated', entityType: 'timeline_event', entityId: eventId },
        manager,
      );
      return toTimelineEvent({ ...record, ...merged });
    });
  }

  /** Takes an event off the timeline; the row stays, marked removed, for the record. */
  async removeTimelineEvent(
    actor: AuthenticatedUser,
    clientId: string,
    eventId: string,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.timelineEvent(actor, manager, clientId, eventId, 'remove');
      await manager.update(TimelineEventRecord, { id: eventId }, { removedAt: new Date() });
      await this.audit.record(
        { action: 'client.timeline_removed', entityType: 'timeline_event', entityId: eventId },
        manager,
      );
    });
  }

  /** Starts a phase of care on a day; a second entry for the same day corrects the first. */
  async setPhase(
    actor: AuthenticatedUser,
    clientId: string,
    dto: TreatmentPhaseDto,
  ): Promise<TreatmentPhaseEntry> {
    return this.db.transaction(async (manager) => {
      await this.access.inFile(actor, clientId, 'treatment_phase', 'create', {
        manager,
        lock: true,
      });
      await manager
        .createQueryBuilder()
        .insert()
        .into(TreatmentPhaseRecord)
        .values({
          clientId,
          clinicId: actor.clinicId,
          phase: dto.phase,
          startedOn: dto.startedOn,
          recordedBy: actor.id,
        })
        .orUpdate(['phase', 'recorded_by'], ['client_id', 'started_on'])
        .execute();
      const record = await manager.findOneOrFail(TreatmentPhaseRecord, {
        where: { clientId, startedOn: dto.startedOn },
        relations: { recorder: true },
      });
      await this.audit.record(
        { action: 'client.phase_set', entityType: 'treatment_phase', entityId: record.id },
        manager,
      );
      return toPhaseEntry(record);
    });
  }

  /** A live event of this client's timeline, locked for the change; 404 for anything else. */
  private async timelineEvent(
    actor: AuthenticatedUser,
    manager: EntityManager,
    clientId: string,
    eventId: string,
    action: 'edit' | 'remove',
  ): Promise<TimelineEventRecord> {
    const { record } = await this.access.load(actor, 'timelineEvent', eventId, action, {
      manager,
      lock: true,
    });
    if (record.clientId !== clientId || record.removedAt !== null)
      throw new NotFoundException('Timeline event not found.');
    return record;
  }
}

/** Each item sent replaces that item, completed with the empty defaults; others stay as they were. */
function mergeHistory(current: ClientHistory, update: Partial<ClientHistory>): ClientHistory {
  const merged: ClientHistory = { ...EMPTY_HISTORY, ...current };
  for (const key of Object.keys(EMPTY_HISTORY) as (keyof ClientHistory)[]) {
    const item = update[key];
    if (item !== undefined)
      Object.assign(merged, { [key]: { ...EMPTY_HISTORY[key], ...withoutUndefined(item) } });
  }
  return merged;
}

function requireLabelForOther(kind: string, label: string | null): void {
  if (kind === 'other' && !label) {
    throw new FieldValidationException([
      { field: 'label', problems: ['label is required when kind is other'] },
    ]);
  }
}

/** `undefined` keeps the current value; `null` clears it. */
function pick<T>(sent: T | undefined, current: T): T {
  return sent === undefined ? current : sent;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
