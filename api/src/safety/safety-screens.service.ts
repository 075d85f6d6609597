import { ConflictException, Injectable } from '@nestjs/common';
import {
  addDays,
  type ActionOf,
  type Answers,
  type CreateSafetyScreenRequest,
  type MySafetyScreen,
  type SafetyAdminStatus,
  type SafetyOverview,
  type SafetyScreenResultView,
} from '@cairn/contracts';
import { evaluateSafetyScreen, safetyScreenProblems, SAFETY_SCREEN } from '@cairn/instruments';
import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { displayNameOf } from '../clients/client-views';
import { Client } from '../clients/entities/client.entity';
import { clinicToday } from '../clinics/clinic-time';
import { clinicOf } from '../clinics/clinic-settings';
import { helpNowFor } from '../clinics/crisis-resources';
import { FieldValidationException } from '../http/api-exception.filter';
import { AccessService } from '../access/access.service';
import { tiesOf } from '../access/record-loaders';
import { SafetyScreenRecord } from './entities/safety-screen.entity';
import { SafetyReviewsService } from './safety-reviews.service';
import { SafetyVault } from './safety-vault';
import { toClientScreen, toResultView } from './safety-views';
import { Db } from '../database/db.service';

export type ScreenAnswerer = 'therapist' | 'client';

const DEFAULT_DUE_DAYS = 7;

/**
 * Each partner's safety screen before conjoint work. Who may see a screen is decided in one
 * place, `load`, through the client-file policy: the screened client's treating therapist
 * (clinical content) and the client themself (their own portal screens). Everyone else,
 * including the partner and any admin, gets 404: they may not learn a screen exists.
 */
@Injectable()
export class SafetyScreensService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly vault: SafetyVault,
    private readonly reviews: SafetyReviewsService,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: AuthenticatedUser,
    clientId: string,
    dto: CreateSafetyScreenRequest,
  ): Promise<SafetyScreenResultView> {
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      const { record: client } = await this.access.inFile(
        actor,
        clientId,
        'safety_screen',
        'create',
        { manager, lock: true },
      );
      if (!client.partnerId) {
        throw new ConflictException(
          'The safety screen comes before couples work: link the partner on the file first.',
        );
      }
      if (dto.mode === 'portal' && !client.portalUserId) {
        throw new ConflictException(
          'The client has no portal account yet: invite them first, or go through it in session.',
        );
      }
      const open = await manager.existsBy(SafetyScreenRecord, {
        clientId: client.id,
        status: 'in_progress',
      });
      if (open) {
        throw new ConflictException('This client already has a safety screen in progress.');
      }
      const today = await clinicToday(manager, client.clinicId);
      await manager.insert(SafetyScreenRecord, {
        id,
        clinicId: client.clinicId,
        clientId: client.id,
        mode: dto.mode,
        status: 'in_progress',
        ...this.vault.sealAnswers(id, {}),
        needsReview: null,
        dueOn: dto.mode === 'portal' ? (dto.dueOn ?? addDays(today, DEFAULT_DUE_DAYS)) : null,
        createdBy: actor.id,
        completedAt: null,
      });
      await this.audit.record(
        {
          action: 'safety_screen.created',
          entityType: 'safety_screen',
          entityId: id,
          detail: { mode: dto.mode },
        },
        manager,
      );
    });
    return this.therapistView(this.db.manager, actor, id);
  }

  /** The treating therapist's view of one screen, with what the rules found. Audited. */
  async get(actor: AuthenticatedUser, id: string): Promise<SafetyScreenResultView> {
    const view = await this.therapistView(this.db.manager, actor, id);
    await this.audit.record({
      action: 'safety_screen.viewed',
      entityType: 'safety_screen',
      entityId: id,
    });
    return view;
  }

  async saveAnswers(
    actor: AuthenticatedUser,
    id: string,
    sent: Record<string, string | null>,
    answerer: ScreenAnswerer,
  ): Promise<SafetyScreenResultView | MySafetyScreen> {
    await this.db.transaction(async (manager) => {
      const { screen, client } = await this.openForAnswering(manager, actor, id, answerer);
      const answers = mergeAnswers(this.vault.openAnswers(screen), sent);
      await manager.update(SafetyScreenRecord, id, this.vault.sealAnswers(id, answers));
      // A concerning answer reaches the therapist at once, even if the screen is never finished.
      if (evaluateSafetyScreen(answers).needsReview)
        await this.raiseReview(manager, screen, client);
      await this.audit.record(
        {
          action: 'safety_screen.answers_saved',
          entityType: 'safety_screen',
          entityId: id,
          detail: { items: Object.keys(sent).length },
        },
        manager,
      );
    });
    return this.viewFor(actor, id, answerer);
  }

  async complete(
    actor: AuthenticatedUser,
    id: string,
    answerer: ScreenAnswerer,
  ): Promise<SafetyScreenResultView | MySafetyScreen> {
    await this.db.transaction(async (manager) => {
      const { screen, client } = await this.openForAnswering(manager, actor, id, answerer);
      const result = evaluateSafetyScreen(this.vault.openAnswers(screen));
      if (!result.complete) {
        throw new FieldValidationException(
          result.missing.map((itemId) => ({
            field: `answers.${itemId}`,
            problems: [`${itemId} needs an answer before the screen is finished`],
          })),
        );
      }
      await manager.update(SafetyScreenRecord, id, {
        status: 'completed',
        completedAt: new Date(),
        needsReview: result.needsReview,
      });
      if (result.needsReview) await this.raiseReview(manager, screen, client);
      await this.audit.record(
        { action: 'safety_screen.completed', entityType: 'safety_screen', entityId: id },
        manager,
      );
    });
    return this.viewFor(actor, id, answerer);
  }

  async cancel(actor: AuthenticatedUser, id: string): Promise<SafetyScreenResultView> {
    await this.db.transaction(async (manager) => {
      const { screen } = await this.load(manager, actor, id, 'cancel', true);
      if (screen.status !== 'in_progress') {
        throw new ConflictException('Only a screen in progress can be withdrawn.');
      }
      // A review already raised by an answer stays: risk is not withdrawn with the form.
      await manager.update(SafetyScreenRecord, id, { status: 'cancelled' });
      await this.audit.record(
        { action: 'safety_screen.cancelled', entityType: 'safety_screen', entityId: id },
        manager,
      );
    });
    return this.therapistView(this.db.manager, actor, id);
  }

  /** The signed-in client's own portal screens (open first); never their partner's. */
  async listMine(actor: AuthenticatedUser): Promise<MySafetyScreen[]> {
    const own = await this.access.ownClientFile(actor);
    if (!own) return [];
    const client = own.record;
    const rows = await this.db.manager
      .createQueryBuilder(SafetyScreenRecord, 's')
      .where(`s.client_id = :clientId AND s.mode = 'portal' AND s.status <> 'cancelled'`, {
        clientId: client.id,
      })
      .orderBy(`s.status = 'in_progress'`, 'DESC')
      .addOrderBy('s.created_at', 'DESC')
      .getMany();
    const support = helpNowFor(await clinicOf(this.db.manager, client.clinicId));
    return rows.map((row) => toClientScreen(row, this.vault.openAnswers(row), support));
  }

  async mine(actor: AuthenticatedUser, id: string): Promise<MySafetyScreen> {
    const { screen, client } = await this.load(this.db.manager, actor, id, 'view');
    const support = helpNowFor(await clinicOf(this.db.manager, client.clinicId));
    return toClientScreen(screen, this.vault.openAnswers(screen), support);
  }

  /**
   * Where a client stands before couples work. The treating therapist gets their screens, the
   * couple's reviews and whether a couples session can be booked; an admin only whether a review
   * is pending, never why.
   */
  async overview(
    actor: AuthenticatedUser,
    clientId: string,
  ): Promise<SafetyOverview | SafetyAdminStatus> {
    const manager = this.db.manager;
    const file = await this.access.inFile(actor, clientId, 'safety_review', 'view');
    const client = file.record;
    if (!this.access.can(actor, 'safety_screen', file.facts).includes('read')) {
      return { clientId, reviewPending: await this.reviews.pendingFor(manager, client) };
    }
    const partner = client.partnerId
      ? await manager.findOneBy(Client, { id: client.partnerId })
      : null;
    const screens = await manager.find(SafetyScreenRecord, {
      where: { clientId },
      order: { createdAt: 'DESC' },
    });
    const treatsPartner =
      !!partner &&
      this.access
        .can(actor, 'safety_screen', { clinicId: partner.clinicId, client: tiesOf(partner, null) })
        .includes('read');
    const reviews = partner ? await this.reviews.pairReviews(manager, client, partner) : [];
    const partnerScreened = partner
      ? await manager.existsBy(SafetyScreenRecord, { clientId: partner.id, status: 'completed' })
      : null;
    await this.audit.record({
      action: 'safety.viewed',
      entityType: 'client',
      entityId: clientId,
    });
    return {
      clientId,
      partner: partner ? { id: partner.id, name: displayNameOf(partner) } : null,
      screens: screens.map((screen) => toResultView(screen, this.vault.openAnswers(screen))),
      partnerScreened,
      reviews: reviews.map((review) =>
        this.reviews.toView(review, treatsPartner, (id) =>
          id === client.id ? true : treatsPartner && id === partner?.id,
        ),
      ),
      conjoint: partner
        ? await this.reviews.conjointStatus(manager, client, partner)
        : { bookable: false, reason: 'No partner is linked on this file.' },
    };
  }

  /**
   * A screen through the access layer: the one place that decides who may see it. For a client,
   * only their own portal screens exist; for anyone but the treating therapist, nothing.
   */
  async load(
    manager: EntityManager,
    actor: AuthenticatedUser,
    id: string,
    action: ActionOf<'safety_screen'>,
    lock = false,
  ): Promise<{ screen: SafetyScreenRecord; client: Client }> {
    const { record } = await this.access.load(actor, 'safetyScreen', id, action, {
      manager,
      lock,
    });
    return { screen: record, client: record.client as Client };
  }

  private async therapistView(
    manager: EntityManager,
    actor: AuthenticatedUser,
    id: string,
  ): Promise<SafetyScreenResultView> {
    const { screen } = await this.load(manager, actor, id, 'read');
    return toResultView(screen, this.vault.openAnswers(screen));
  }

  private viewFor(
    actor: AuthenticatedUser,
    id: string,
    answerer: ScreenAnswerer,
  ): Promise<SafetyScreenResultView | MySafetyScreen> {
    return answerer === 'client'
      ? this.mine(actor, id)
      : this.therapistView(this.db.manager, actor, id);
  }

  private async openForAnswering(
    manager: EntityManager,
    actor: AuthenticatedUser,
    id: string,
    answerer: ScreenAnswerer,
  ): Promise<{ screen: SafetyScreenRecord; client: Client }> {
    const loaded = await this.load(manager, actor, id, 'answer', true);
    if (answerer === 'therapist' && loaded.screen.mode === 'portal') {
      throw new ConflictException(
        "This screen was sent to the client's portal: the client answers it.",
      );
    }
    if (loaded.screen.status !== 'in_progress') {
      throw new ConflictException(
        loaded.screen.status === 'completed'
          ? 'This screen is finished and cannot change.'
          : 'This screen was withdrawn.',
      );
    }
    return loaded;
  }

  private async raiseReview(
    manager: EntityManager,
    screen: SafetyScreenRecord,
    client: Client,
  ): Promise<void> {
    if (client.partnerId) await this.reviews.raise(manager, screen, client.partnerId);
  }
}

/** Applies a save to the stored answers: validated values replace, null clears. */
function mergeAnswers(current: Answers, sent: Record<string, string | null>): Answers {
  const values = Object.fromEntries(
    Object.entries(sent).filter(([, value]) => value !== null),
  ) as Answers;
  const known = new Set(SAFETY_SCREEN.items.map((item) => item.id));
  const problems = [
    ...safetyScreenProblems(values).map((problem) => ({
      field: `answers.${problem.itemId}`,
      problems: [problem.problem],
    })),
    ...Object.keys(sent)
      .filter((itemId) => sent[itemId] === null && !known.has(itemId))
      .map((itemId) => ({
        field: `answers.${itemId}`,
        problems: [`${itemId} is not a question of the safety screen`],
      })),
  ];
  if (problems.length) throw new FieldValidationException(problems);
  const merged: Answers = { ...current, ...values };
  for (const [itemId, value] of Object.entries(sent)) if (value === null) delete merged[itemId];
  return merged;
}
