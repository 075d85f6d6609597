import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuditEventView, AuditOutcome, Page, Role } from '@cairn/contracts';
import { type EntityManager } from 'typeorm';
import { currentRequest } from '../http/request-context';
import { AuditEvent, type AuditDetail } from './entities/audit-event.entity';
import { insertAuditRows } from './audit-rows';
import { Db } from '../database/db.service';

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
  constructor(private readonly db: Db) {}

  /**
   * Writes one audit event in the current transaction, so a write and its audit row commit or
   * roll back together. A refusal or failure is about something that did not happen: its row
   * must outlive the request that is about to fail, so it is written after that transaction ends.
   */
  async record(event: AuditRecord, manager?: EntityManager): Promise<void> {
    const row = this.toRow(event);
    if (row.outcome !== 'success') return this.db.keepAfterTransaction(row);
    await insertAuditRows(manager ?? this.db.manager, [row]);
  }

  /** Several events of one write (a booked series) in a single insert. */
  async recordMany(events: AuditRecord[], manager?: EntityManager): Promise<void> {
    if (events.length === 0) return;
    await insertAuditRows(
      manager ?? this.db.manager,
      events.map((event) => this.toRow(event)),
    );
  }

  private toRow(event: AuditRecord): AuditEvent {
    const context = currentRequest();
    const actor = event.actor !== undefined ? event.actor : (context?.user ?? null);
    return Object.assign(new AuditEvent(), {
      id: randomUUID(),
      occurredAt: new Date(),
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
    const builder = this.db.manager
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
