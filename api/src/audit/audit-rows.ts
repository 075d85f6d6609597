import type { EntityManager } from 'typeorm';
import type { AuditEvent } from './entities/audit-event.entity';

const COLUMNS = [
  'id',
  'occurred_at',
  'user_id',
  'role',
  'clinic_id',
  'client_id',
  'action',
  'entity_type',
  'entity_id',
  'outcome',
  'request_id',
  'ip',
  'detail',
] as const;
const PER_ROW = COLUMNS.length;
const INSERT = `INSERT INTO "audit_events" (${COLUMNS.map((column) => `"${column}"`).join(', ')}) VALUES `;

/** `($1, …, $13), ($14, …)`: built once per row count, and nearly every insert is of one row. */
const placeholders = new Map<number, string>();
function valuesFor(count: number): string {
  let text = placeholders.get(count);
  if (!text) {
    text = Array.from(
      { length: count },
      (_, row) =>
        `(${Array.from({ length: PER_ROW }, (_, column) => `$${row * PER_ROW + column + 1}`).join(', ')})`,
    ).join(', ');
    if (count <= 8) placeholders.set(count, text);
  }
  return text;
}

/**
 * Inserts audit rows without RETURNING: reading a row back is a SELECT, and row-level security
 * lets nobody read an event that belongs to no clinic (a sign-in attempt on an unknown address),
 * though anyone may write one. Ids and times are set by the caller, so nothing needs returning.
 * Plain SQL rather than TypeORM's insert builder: nearly every request writes one of these, and
 * building the statement cost more CPU than sending it.
 */
export async function insertAuditRows(manager: EntityManager, rows: AuditEvent[]): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  for (const row of rows) {
    params.push(
      row.id,
      row.occurredAt,
      row.userId ?? null,
      row.role ?? null,
      row.clinicId ?? null,
      row.clientId ?? null,
      row.action,
      row.entityType ?? null,
      row.entityId ?? null,
      row.outcome,
      row.requestId ?? null,
      row.ip ?? null,
      row.detail === null || row.detail === undefined ? null : JSON.stringify(row.detail),
    );
  }
  await manager.query(INSERT + valuesFor(rows.length), params);
}
