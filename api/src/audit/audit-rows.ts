import type { EntityManager } from 'typeorm';
import { AuditEvent } from './entities/audit-event.entity';

/**
 * Inserts audit rows without RETURNING: reading a row back is a SELECT, and row-level security
 * lets nobody read an event that belongs to no clinic (a sign-in attempt on an unknown address),
 * though anyone may write one. Ids and times are set by the caller, so nothing needs returning.
 */
export async function insertAuditRows(manager: EntityManager, rows: AuditEvent[]): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(AuditEvent)
    .values(rows)
    .updateEntity(false)
    .execute();
}
