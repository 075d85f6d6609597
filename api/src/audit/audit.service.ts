import { Injectable } from '@nestjs/common';
import type { AuditEventView, AuditOutcome, Page, Role } from '@cairn/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { currentRequest } from '../http/request-context';
import { AuditEvent, type AuditDetail } from './entities/audit-event.entity';

export interface AuditActor {
  id: string;
  role: Role;
  clinicId: string;
}

export interface AuditRecord {
  action: string;
  outcome?: AuditOutcome;
  entityType?: string;
  entityId?: string;
  /** Non-clinical context only: never note text, answers or scores. */
  detail?: AuditDetail;
  /** Defaults to the signed-in caller of the current request. */
  actor?: AuditActor | null;
  /** For events without an actor that still belong to a clinic. */
  clinicId?: string;
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string;
  userId?: string;
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes one audit event. Pass the transaction's manager when the event belongs to a write, so
   * the record and its audit row commit or roll back together.
   */
  async record(
    event: AuditRecord,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(AuditEvent, this.toRow(event, manager));
  }

  /** Several events of one write (a booked series) in a single insert. */
  async recordMany(
    events: AuditRecord[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (events.length === 0) return;
    await manager.insert(
      AuditEvent,
      events.map((event) => this.toRow(event, manager)),
    );
  }

  private toRow(event: AuditRecord, manager: EntityManager): AuditEvent {
    const context = currentRequest();
    const actor = event.actor !== undefined ? event.actor : (context?.user ?? null);
    return manager.create(AuditEvent, {
      userId: actor?.id ?? null,
      role: actor?.role ?? null,
      clinicId: actor?.clinicId ?? event.clinicId ?? null,
      action: event.action,
      entityType: event.entityType ?? null,
      entityId: event.entityId ?? null,
      outcome: event.outcome ?? 'success',
      requestId: context?.requestId ?? null,
      ip: context?.ip ?? null,
      detail: event.detail ?? null,
    });
  }

  async listForClinic(clinicId: string, query: AuditQuery): Promise<Page<AuditEventView>> {
    const builder = this.dataSource
      .createQueryBuilder(AuditEvent, 'event')
      .leftJoin('users', 'actor', 'actor.id = event.user_id')
      .select([
        'event.id AS id',
        'event.occurred_at AS "occurredAt"',
        'event.user_id AS "userId"',
        'actor.display_name AS "userDisplayName"',
        'event.role AS role',
        'event.action AS action',
        'event.entity_type AS "entityType"',
        'event.entity_id AS "entityId"',
        'event.outcome AS outcome',
        'event.request_id AS "requestId"',
        'event.ip AS ip',
      ])
      .where('event.clinic_id = :clinicId', { clinicId });
    if (query.action) builder.andWhere('event.action = :action', { action: query.action });
    if (query.userId) builder.andWhere('event.user_id = :userId', { userId: query.userId });

    const rows = await builder
      .clone()
      .orderBy('event.occurred_at', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany<Omit<AuditEventView, 'occurredAt'> & { occurredAt: Date }>();
    const total = await builder.clone().getCount();
    return {
      items: rows.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }
}
