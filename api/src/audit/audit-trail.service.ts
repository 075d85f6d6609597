import { Injectable } from '@nestjs/common';
import {
  addDays,
  auditActionsIn,
  describeAuditAction,
  zonedTimeToInstant,
  type AuditEventPage,
  type AuditEventView,
  type AuditOutcome,
  type Role,
} from '@cairn/contracts';
import { AccessService } from '../access/access.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { clinicTimeZone } from '../clinics/clinic-time';
import { Db } from '../database/db.service';
import { FieldValidationException } from '../http/api-exception.filter';
import { AuditService } from './audit.service';
import type { AuditEventQueryDto } from './dto/audit-event-query.dto';

/** A page is first looked for in this many UTC months (monthly partitions), newest first. */
const RECENT_MONTHS = 3;

/** At most this many rows in one CSV export: narrow the dates for more. */
export const MAX_EXPORT_ROWS = 50_000;

interface TrailRow {
  id: string;
  occurred_at: Date;
  user_id: string | null;
  user_name: string | null;
  role: Role | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  client_id: string | null;
  client_name: string | null;
  outcome: AuditOutcome;
  request_id: string | null;
  ip: string | null;
}

/** Where a page ends: the position (time, id) the next page continues after. */
interface Cursor {
  at: string;
  id: string;
}

/**
 * The clinic's audit trail as an auditor reads it: names instead of ids, actions in words,
 * filtered by person, client file, category, outcome and clinic dates, paged by position (a
 * keyset on time and id, never OFFSET and never a count of millions of rows), and exported as
 * CSV. Reading and exporting the trail are themselves audited.
 */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async page(actor: AuthenticatedUser, query: AuditEventQueryDto): Promise<AuditEventPage> {
    await this.access.authorize(
      actor,
      'audit_trail',
      { clinicId: actor.clinicId },
      'read',
      'trail',
    );
    const rows = await this.selectNewest(actor, query, query.pageSize + 1);
    const items = rows.slice(0, query.pageSize);
    const last = items[items.length - 1];
    await this.audit.record({
      action: 'audit.viewed',
      detail: { ...filterDetail(query), returned: items.length },
    });
    return {
      items: items.map(toView),
      nextBefore:
        rows.length > query.pageSize && last
          ? encodeCursor({ at: last.occurred_at.toISOString(), id: last.id })
          : null,
    };
  }

  /** The filtered trail as CSV (no paging), cells a spreadsheet would run as formulas escaped. */
  async csv(actor: AuthenticatedUser, query: AuditEventQueryDto): Promise<string> {
    await this.access.authorize(
      actor,
      'audit_trail',
      { clinicId: actor.clinicId },
      'export',
      'trail',
    );
    const rows = await this.select(actor, { ...query, before: undefined }, MAX_EXPORT_ROWS + 1);
    if (rows.length > MAX_EXPORT_ROWS) {
      throw new FieldValidationException([
        {
          field: 'from',
          problems: [
            `more than ${MAX_EXPORT_ROWS.toLocaleString('en-US')} events match: narrow the dates`,
          ],
        },
      ]);
    }
    await this.audit.record({
      action: 'audit.exported',
      detail: { ...filterDetail(query), rows: rows.length },
    });
    const header = [
      'time',
      'person',
      'role',
      'action',
      'what',
      'client file',
      'outcome',
      'record',
      'address',
      'request',
    ];
    const lines = rows.map((row) => {
      const view = toView(row);
      return [
        view.occurredAt,
        view.userDisplayName ?? '',
        view.role ?? '',
        view.actionLabel,
        view.action,
        view.clientName ?? '',
        view.outcome,
        [view.entityType, view.entityId].filter(Boolean).join(' '),
        view.ip ?? '',
        view.requestId ?? '',
      ];
    });
    return [header, ...lines].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }

  /**
   * A page without a start date is first looked for in the three months up to where it starts
   * (now, or the cursor): that reads three monthly partitions instead of every one, and when it
   * fills the page, nothing older could belong on it. Only a page it does not fill (a sparse
   * filter) asks the whole trail.
   */
  private async selectNewest(
    actor: AuthenticatedUser,
    query: AuditEventQueryDto,
    limit: number,
  ): Promise<TrailRow[]> {
    if (query.from) return this.select(actor, query, limit);
    const anchor = query.before ? new Date(decodeCursor(query.before).at) : new Date();
    const notBefore = new Date(
      Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - RECENT_MONTHS + 1, 1),
    );
    const recent = await this.select(actor, query, limit, notBefore);
    return recent.length === limit ? recent : this.select(actor, query, limit);
  }

  private async select(
    actor: AuthenticatedUser,
    query: AuditEventQueryDto,
    limit: number,
    notBefore?: Date,
  ): Promise<TrailRow[]> {
    const manager = this.db.manager;
    const where = ['e.clinic_id = $1'];
    const params: unknown[] = [actor.clinicId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.userId) add('e.user_id = ?', query.userId);
    if (query.clientId) add('e.client_id = ?', query.clientId);
    if (query.outcome) add('e.outcome = ?', query.outcome);
    if (query.category) {
      // One action is an equality, which the (clinic, action, time) index walks newest first and
      // stops; a list is gathered from it and sorted (fine for the rare kinds it matters for).
      const actions = auditActionsIn(query.category);
      if (actions.length === 1) add('e.action = ?', actions[0]);
      else add('e.action = ANY(?)', actions);
    }
    if (query.from || query.to) {
      if (query.from && query.to && query.from > query.to)
        throw new FieldValidationException([
          { field: 'from', problems: ['from must not be after to'] },
        ]);
      // Clinic days: from the first day's local midnight to the midnight after the last.
      const timeZone = await clinicTimeZone(manager, actor.clinicId);
      if (query.from) add('e.occurred_at >= ?', zonedTimeToInstant(query.from, '00:00', timeZone));
      if (query.to)
        add('e.occurred_at < ?', zonedTimeToInstant(addDays(query.to, 1), '00:00', timeZone));
    }
    if (notBefore) add('e.occurred_at >= ?', notBefore);
    if (query.before) {
      const cursor = decodeCursor(query.before);
      params.push(cursor.at, cursor.id);
      where.push(
        `(e.occurred_at, e.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(limit);
    return manager.query<TrailRow[]>(trailSql(where, params.length), params);
  }
}

/**
 * One page of the trail, newest first. On the monthly partitions this reads the newest months'
 * indexes in order and stops at the limit; dates prune the months outside them.
 */
export function trailSql(where: string[], limitParam: number): string {
  return `SELECT e.id, e.occurred_at, e.user_id, u.display_name AS user_name, e.role, e.action,
              e.entity_type, e.entity_id, e.client_id,
              c.legal_name AS client_name,
              e.outcome, e.request_id, e.ip
         FROM audit_events e
         LEFT JOIN users u ON u.id = e.user_id
         LEFT JOIN clients c ON c.id = e.client_id
        WHERE ${where.join(' AND ')}
        ORDER BY e.occurred_at DESC, e.id DESC
        LIMIT $${limitParam}`;
}

function toView(row: TrailRow): AuditEventView {
  const { label, category } = describeAuditAction(row.action);
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    userId: row.user_id,
    userDisplayName: row.user_name,
    role: row.role,
    action: row.action,
    actionLabel: label,
    category,
    entityType: row.entity_type,
    entityId: row.entity_id,
    clientId: row.client_id,
    clientName: row.client_name,
    outcome: row.outcome,
    requestId: row.request_id,
    ip: row.ip,
  };
}

function filterDetail(query: AuditEventQueryDto): Record<string, string> {
  const detail: Record<string, string> = {};
  for (const key of ['userId', 'clientId', 'category', 'outcome', 'from', 'to'] as const) {
    const value = query[key];
    if (value) detail[key] = value;
  }
  return detail;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url');
}

function decodeCursor(value: string): Cursor {
  const [at, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new FieldValidationException([
      { field: 'before', problems: ['before must be the nextBefore of a page'] },
    ]);
  }
  return { at, id };
}

/** Quotes a CSV cell, and defuses one a spreadsheet would run as a formula (= + - @ tab CR). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
