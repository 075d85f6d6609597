import { ConflictException, Injectable } from '@nestjs/common';
import {
  CONJOINT_ALLOWED,
  type PendingSafetyReview,
  type RecordConjointDecisionRequest,
  type SafetyReviewView,
} from '@cairn/contracts';
import { type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { Client } from '../clients/entities/client.entity';
import { AccessService } from '../access/access.service';
import { SafetyReviewRecord } from './entities/safety-review.entity';
import { SafetyScreenRecord } from './entities/safety-screen.entity';
import { SafetyVault } from './safety-vault';
import { Db } from '../database/db.service';

export interface ConjointStatus {
  bookable: boolean;
  /** Neutral words: they may be shown to an admin, so they never say why. */
  reason: string | null;
}

/**
 * A couple's safety reviews and the gate on conjoint work. A review is raised by a screen answer
 * that asks for one and sits on both partners' charts until a therapist who treats both records
 * a decision; until then, and until each partner has been screened (or a decision recorded),
 * no couples session can be booked for the pair.
 */
@Injectable()
export class SafetyReviewsService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly vault: SafetyVault,
    private readonly audit: AuditService,
  ) {}

  /** Raised the moment a concerning answer is saved; once per screen. */
  async raise(
    manager: EntityManager,
    screen: SafetyScreenRecord,
    partnerId: string,
  ): Promise<void> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(SafetyReviewRecord)
      .values({
        clinicId: screen.clinicId,
        clientId: screen.clientId,
        partnerClientId: partnerId,
        screenId: screen.id,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const created = (inserted.raw as { id: string }[])[0];
    if (created) {
      await this.audit.record(
        { action: 'safety.review_raised', entityType: 'safety_review', entityId: created.id },
        manager,
      );
    }
  }

  /** The couple's reviews, newest first. */
  pairReviews(manager: EntityManager, a: Client, b: Client): Promise<SafetyReviewRecord[]> {
    return manager
      .createQueryBuilder(SafetyReviewRecord, 'r')
      .leftJoinAndSelect('r.decider', 'decider')
      .where('r.clinic_id = :clinicId', { clinicId: a.clinicId })
      .andWhere(
        '((r.client_id = :a AND r.partner_client_id = :b) OR (r.client_id = :b AND r.partner_client_id = :a))',
        { a: a.id, b: b.id },
      )
      .orderBy('r.raised_at', 'DESC')
      .getMany();
  }

  /** Whether a couples session may be booked for the pair now. */
  async conjointStatus(manager: EntityManager, a: Client, b: Client): Promise<ConjointStatus> {
    const reviews = await this.pairReviews(manager, a, b);
    if (reviews.some((review) => review.decision === null)) {
      return {
        bookable: false,
        reason:
          "A safety review for this couple is waiting for their therapist's decision; a couples session can be booked once it is recorded.",
      };
    }
    const latest = reviews.find((review) => review.decision !== null);
    if (latest?.decision) {
      return CONJOINT_ALLOWED.includes(latest.decision)
        ? { bookable: true, reason: null }
        : {
            bookable: false,
            reason:
              'Their therapist has decided against couples sessions for now; a couples session can be booked once they record a new decision.',
          };
    }
    const screened = await manager
      .createQueryBuilder(SafetyScreenRecord, 's')
      .select('s.client_id', 'client_id')
      .where(`s.client_id IN (:...ids) AND s.status = 'completed'`, { ids: [a.id, b.id] })
      .groupBy('s.client_id')
      .getRawMany<{ client_id: string }>();
    return screened.length === 2
      ? { bookable: true, reason: null }
      : {
          bookable: false,
          reason:
            'Before the first couples session, each partner answers the safety screen on their own with their therapist (or their therapist records a decision).',
        };
  }

  /** The booking gate: a couples session waits for the screens and any review's decision. */
  async assertConjointBookable(manager: EntityManager, clients: Client[]): Promise<void> {
    const [a, b] = clients;
    if (!a || !b) return;
    const status = await this.conjointStatus(manager, a, b);
    if (!status.bookable) throw new ConflictException(status.reason);
  }

  /**
   * Records the decision on conjoint work for a couple: by a therapist who treats both partners
   * (the one who would run the couples sessions). Every pending review of the pair is decided by
   * it; with none pending, the decision is recorded on its own (e.g. screened outside Cairn).
   */
  async decide(
    actor: AuthenticatedUser,
    clientId: string,
    dto: RecordConjointDecisionRequest,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      const { record: client } = await this.access.inFile(
        actor,
        clientId,
        'safety_review',
        'decide',
        { manager, lock: true },
      );
      const partner = await this.treatedPartner(manager, actor, client);
      const pending = (await this.pairReviews(manager, client, partner)).filter(
        (review) => review.decision === null,
      );
      const reviews = pending.length
        ? pending
        : [
            await manager.save(
              manager.create(SafetyReviewRecord, {
                clinicId: client.clinicId,
                clientId: client.id,
                partnerClientId: partner.id,
                screenId: null,
              }),
            ),
          ];
      for (const review of reviews) {
        await manager.update(SafetyReviewRecord, review.id, {
          decision: dto.decision,
          decidedAt: new Date(),
          decidedBy: actor.id,
          ...(dto.note ? this.vault.sealNote(review.id, dto.note) : {}),
        });
        await this.audit.record(
          {
            action: 'safety.decision_recorded',
            entityType: 'safety_review',
            entityId: review.id,
            detail: { decision: dto.decision },
          },
          manager,
        );
      }
    });
  }

  /**
   * A review as a therapist sees it on one partner's chart: which screen asked for it only if
   * they treat that partner, the reasoning only if they treat both.
   */
  toView(
    review: SafetyReviewRecord,
    treatsBoth: boolean,
    treats: (clientId: string) => boolean,
  ): SafetyReviewView {
    return {
      id: review.id,
      status: review.decision === null ? 'pending' : 'decided',
      raisedAt: review.raisedAt.toISOString(),
      fromScreenOf:
        review.screenId && treats(review.clientId)
          ? { clientId: review.clientId, screenId: review.screenId }
          : null,
      decision: review.decision,
      decisionNote: treatsBoth ? this.vault.openNote(review) : null,
      decidedAt: review.decidedAt?.toISOString() ?? null,
      decidedBy: review.decider?.displayName ?? (review.decidedBy ? 'a therapist' : null),
    };
  }

  /** Whether any review of the client's couple work waits for a decision (all an admin learns). */
  async pendingFor(manager: EntityManager, client: Client): Promise<boolean> {
    return manager
      .createQueryBuilder(SafetyReviewRecord, 'r')
      .where('r.clinic_id = :clinicId AND r.decision IS NULL', { clinicId: client.clinicId })
      .andWhere('(r.client_id = :id OR r.partner_client_id = :id)', { id: client.id })
      .getExists();
  }

  /** Pending reviews across a therapist's caseload, one row per client on it. */
  async pendingForTherapist(clinicId: string, therapistId: string): Promise<PendingSafetyReview[]> {
    const rows = await this.db.manager.query<
      { client_id: string; client_name: string; raised_at: Date }[]
    >(
      `SELECT c.id AS client_id, coalesce(c.preferred_name, c.legal_name) AS client_name,
              min(r.raised_at) AS raised_at
         FROM safety_reviews r
         JOIN clients c ON c.id IN (r.client_id, r.partner_client_id)
        WHERE r.clinic_id = $1 AND r.decision IS NULL AND c.primary_therapist_id = $2
        GROUP BY c.id, client_name
        ORDER BY raised_at`,
      [clinicId, therapistId],
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      clientName: row.client_name,
      raisedAt: row.raised_at.toISOString(),
    }));
  }

  /** The linked partner, when the caller treats them too; otherwise a clear 409. */
  private async treatedPartner(
    manager: EntityManager,
    actor: AuthenticatedUser,
    client: Client,
  ): Promise<Client> {
    if (!client.partnerId) {
      throw new ConflictException(
        'This client has no linked partner: there is no couples work to decide on.',
      );
    }
    return this.access.inPartnerFile(
      actor,
      client.partnerId,
      'safety_review',
      'decide',
      'The decision on conjoint work is recorded by a therapist who treats both partners.',
      { manager },
    );
  }
}
