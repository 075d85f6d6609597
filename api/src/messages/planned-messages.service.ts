import { Injectable } from '@nestjs/common';
import type { PlannedMessageKind } from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { JobQueue } from '../jobs/job-queue.service';
import { PlannedMessage } from './entities/planned-message.entity';

export interface PlanInput {
  clinicId: string;
  kind: PlannedMessageKind;
  recipient: { userId: string } | { clientId: string };
  subjectId: string | null;
  dedupKey: string;
  dueAt: Date;
  heldUntil?: Date | null;
}

/**
 * Writes planned messages in the caller's transaction (the booking, the answer), so a message
 * exists exactly when its cause does. Planning the same key again changes nothing. Once the
 * transaction commits, a worker is woken for what is due now.
 */
@Injectable()
export class PlannedMessagesService {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
  ) {}

  async plan(manager: EntityManager, messages: PlanInput[]): Promise<void> {
    if (!messages.length) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(PlannedMessage)
      .values(
        messages.map((message) => ({
          clinicId: message.clinicId,
          kind: message.kind,
          channel: 'email' as const,
          recipientUserId: 'userId' in message.recipient ? message.recipient.userId : null,
          recipientClientId: 'clientId' in message.recipient ? message.recipient.clientId : null,
          subjectId: message.subjectId,
          dedupKey: message.dedupKey,
          dueAt: message.dueAt,
          heldUntil: message.heldUntil ?? null,
          status: message.heldUntil ? ('held' as const) : ('planned' as const),
        })),
      )
      .orIgnore()
      .execute();
    this.db.afterCommit(() => void this.jobs.wake());
  }

  /** Stops what is still to be sent about `subjectId` (a cancelled appointment, say). */
  async stopFor(
    manager: EntityManager,
    subjectId: string,
    kinds: readonly PlannedMessageKind[],
  ): Promise<number> {
    const result = await manager.query<[unknown[], number]>(
      `UPDATE planned_messages SET status = 'stopped', updated_at = now()
        WHERE subject_id = $1 AND kind = ANY($2) AND status IN ('planned', 'held')`,
      [subjectId, kinds],
    );
    return result[1];
  }
}
