import { ConflictException, Inject, Injectable } from '@nestjs/common';
import {
  addDays,
  type ActionOf,
  todayIn,
  type AssessmentDetail,
  type AssessmentListItem,
  type AssessmentSummary,
  type Answers,
  type RiskFlagView,
} from '@cairn/contracts';
import {
  interpretAnswers,
  scoreAnswers,
  toFhirQuestionnaireResponse,
  validateAnswers,
  type FhirQuestionnaireResponse,
  type InstrumentDefinition,
} from '@cairn/instruments';
import { type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Client } from '../clients/entities/client.entity';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { FieldValidationException } from '../http/api-exception.filter';
import { clinicToday } from '../clinics/clinic-time';
import { clinicOf } from '../clinics/clinic-settings';
import { inSessionRiskPrompt, supportAfterRiskAnswer } from '../clinics/crisis-resources';
import { AccessService } from '../access/access.service';
import { tiesOf } from '../access/record-loaders';
import { LIST_COLUMNS, toDetail, toListItem, toResult, toSummary } from './assessment-views';
import { HistoryFormService } from './history-form.service';
import { FieldCipher } from '../crypto/field-cipher';
import { sealFields, createSealed } from '../crypto/sealed-fields';
import type { CreateAssessmentDto, SaveAnswersDto } from './dto/assessment.dto';
import { Assessment } from './entities/assessment.entity';
import { instrumentFor, storedInstrument } from './instrument-lookup';
import { MeasurementSchedulesService } from './measurement-schedules.service';
import { RiskFlagsService } from './risk-flags.service';
import { Db } from '../database/db.service';

/** Who is answering: the treating therapist in session, or the client in their portal. */
export type Answerer = 'therapist' | 'client';

const DEFAULT_DUE_DAYS = 7;

/**
 * Administrations of instruments: created by the treating therapist, answered by the therapist
 * (in session) or the client (portal), scored by the server with the shared scorer on completion.
 * An admin may know an administration exists, never its answers or scores.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly riskFlags: RiskFlagsService,
    private readonly schedules: MeasurementSchedulesService,
    private readonly historyForm: HistoryFormService,
    private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    actor: AuthenticatedUser,
    clientId: string,
    dto: CreateAssessmentDto,
  ): Promise<AssessmentDetail> {
    const definition = instrumentFor(dto.instrumentCode);
    if (definition.asksIndexEvent && !dto.indexEvent) {
      throw new FieldValidationException([
        {
          field: 'indexEvent',
          problems: [
            `${definition.code} is answered about one event: describe it (e.g. the discovery and its date)`,
          ],
        },
      ]);
    }
    const id = await this.db.transaction(async (manager) => {
      const { record: client } = await this.access.inFile(actor, clientId, 'assessment', 'create', {
        manager,
        lock: true,
      });
      const today = await clinicToday(manager, client.clinicId);
      if (dto.mode === 'portal' && !client.portalUserId) {
        throw new ConflictException(
          'The client has no portal account yet: invite them first, or give it in session.',
        );
      }
      if (dto.replacesId)
        await this.assertReplaceable(manager, dto.replacesId, client.id, definition);
      const assessment = createSealed(manager, this.cipher, Assessment, {
        clinicId: client.clinicId,
        clientId: client.id,
        instrumentCode: definition.code,
        instrumentVersion: definition.version,
        mode: dto.mode,
        status: 'in_progress',
        answers: {},
        indexEvent: dto.indexEvent
          ? {
              description: dto.indexEvent.description,
              occurredOn: dto.indexEvent.occurredOn ?? null,
            }
          : null,
        dueOn: dto.mode === 'portal' ? (dto.dueOn ?? addDays(today, DEFAULT_DUE_DAYS)) : null,
        replacesId: dto.replacesId ?? null,
        scheduleId: null,
        createdBy: actor.id,
        completedAt: null,
        completedBy: null,
        result: null,
        total: null,
        sharedWithClient: false,
      });
      await manager.save(assessment);
      await this.audit.record(
        {
          action: 'assessment.created',
          entityType: 'assessment',
          entityId: assessment.id,
          detail: { instrument: definition.code, mode: dto.mode },
        },
        manager,
      );
      return assessment.id;
    });
    return this.staffDetail(this.db.manager, actor, id);
  }

  /** A client's administrations: with results for the treating therapist, status only for an admin. */
  async listForClient(actor: AuthenticatedUser, clientId: string): Promise<AssessmentListItem[]> {
    const file = await this.access.inFile(actor, clientId, 'assessment', 'view');
    // Scheduled sends still happen when the chart is opened (until a job sends them), but only
    // once the access layer has answered: nothing is written for a caller who may not look.
    await this.schedules.sendDue({ clientId });
    const client = file.record;
    const clinical = this.access.can(actor, 'assessment', file.facts).includes('read');
    const today = await clinicToday(this.db.manager, client.clinicId);
    const rows = await this.db.manager.find(Assessment, {
      select: Object.fromEntries(LIST_COLUMNS.map((column) => [column, true])),
      where: { clientId },
      order: { createdAt: 'DESC' },
    });
    await this.audit.record({
      action: 'assessment.listed',
      entityType: 'client',
      entityId: clientId,
      detail: { clinical },
    });
    return rows.map((row) =>
      toListItem(row, storedInstrument(row.instrumentCode, row.instrumentVersion), today, clinical),
    );
  }

  /** The signed-in client's portal questionnaires, open ones first; results only where shared. */
  async listMine(actor: AuthenticatedUser): Promise<AssessmentListItem[]> {
    const own = await this.access.ownClientFile(actor);
    if (!own) return [];
    await this.schedules.sendDue({ portalUserId: actor.id });
    const client = own.record;
    const today = await clinicToday(this.db.manager, client.clinicId);
    const rows = await this.db.manager
      .createQueryBuilder(Assessment, 'a')
      .select(LIST_COLUMNS.map((column) => `a.${column}`))
      .where(`a.client_id = :clientId AND a.mode = 'portal' AND a.status <> 'cancelled'`, {
        clientId: client.id,
      })
      .orderBy(`a.status = 'in_progress'`, 'DESC')
      .addOrderBy('a.due_on', 'ASC', 'NULLS LAST')
      .addOrderBy('a.created_at', 'DESC')
      .getMany();
    await this.audit.record({
      action: 'assessment.own_listed',
      entityType: 'client',
      entityId: client.id,
      detail: { returned: rows.length },
    });
    return rows.map((row) =>
      toListItem(
        row,
        storedInstrument(row.instrumentCode, row.instrumentVersion),
        today,
        row.sharedWithClient,
      ),
    );
  }

  /** Every risk flag of a client, open and acknowledged, for the treating therapist. */
  async riskFlagsFor(actor: AuthenticatedUser, clientId: string): Promise<RiskFlagView[]> {
    const { record: client } = await this.access.inFile(actor, clientId, 'risk_flag', 'read');
    const flags = await this.riskFlags.list(this.db.manager, client.clinicId, { clientId }, false);
    await this.audit.record({
      action: 'risk_flag.listed',
      entityType: 'client',
      entityId: clientId,
      detail: { returned: flags.length },
    });
    return flags;
  }

  /** The full administration for the treating therapist; an admin gets its summary only. */
  async get(actor: AuthenticatedUser, id: string): Promise<AssessmentDetail | AssessmentSummary> {
    const { assessment, client, can } = await this.load(this.db.manager, actor, id, 'view');
    if (!can.includes('read')) {
      return toSummary(
        assessment,
        storedInstrument(assessment.instrumentCode, assessment.instrumentVersion),
        await clinicToday(this.db.manager, client.clinicId),
      );
    }
    await this.audit.record({
      action: 'assessment.viewed',
      entityType: 'assessment',
      entityId: id,
    });
    return this.staffDetail(this.db.manager, actor, id);
  }

  async saveAnswers(
    actor: AuthenticatedUser,
    id: string,
    dto: SaveAnswersDto,
    answerer: Answerer,
  ): Promise<AssessmentDetail> {
    await this.db.transaction(async (manager) => {
      const { assessment, definition } = await this.openForAnswering(manager, actor, id, answerer);
      const answers = mergeAnswers(definition, assessment.answers, dto.answers);
      const indexEvent =
        dto.indexEvent !== undefined && answerer === 'therapist'
          ? dto.indexEvent && {
              description: dto.indexEvent.description,
              occurredOn: dto.indexEvent.occurredOn ?? null,
            }
          : assessment.indexEvent;
      await manager.update(
        Assessment,
        { id },
        sealFields(this.cipher, Assessment, id, { answers, indexEvent }),
      );
      await this.riskFlags.raise(manager, assessment, scoreAnswers(definition, answers).risks);
      await this.audit.record(
        {
          action: 'assessment.answers_saved',
          entityType: 'assessment',
          entityId: id,
          detail: { items: Object.keys(dto.answers).length },
        },
        manager,
      );
    });
    return this.detailFor(actor, id, answerer);
  }

  async complete(
    actor: AuthenticatedUser,
    id: string,
    answerer: Answerer,
  ): Promise<AssessmentDetail> {
    await this.db.transaction(async (manager) => {
      const { assessment, definition } = await this.openForAnswering(manager, actor, id, answerer);
      const score = scoreAnswers(definition, assessment.answers);
      if (!score.complete) {
        throw new FieldValidationException(
          score.missing.map((itemId) => ({
            field: `answers.${itemId}`,
            problems: [`${itemId} needs an answer before completing`],
          })),
        );
      }
      if (definition.asksIndexEvent && !assessment.indexEvent) {
        throw new FieldValidationException([
          { field: 'indexEvent', problems: [`${definition.code} needs its index event`] },
        ]);
      }
      await manager.update(
        Assessment,
        { id },
        {
          status: 'completed',
          completedAt: new Date(),
          completedBy: actor.id,
          result: toResult(definition, score),
          total: score.total,
        },
      );
      await this.riskFlags.raise(manager, assessment, score.risks);
      if (definition.kind === 'form') await this.historyForm.apply(manager, assessment, actor.id);
      await this.audit.record(
        {
          action: 'assessment.completed',
          entityType: 'assessment',
          entityId: id,
          detail: { instrument: definition.code },
        },
        manager,
      );
    });
    return this.detailFor(actor, id, answerer);
  }

  async cancel(actor: AuthenticatedUser, id: string): Promise<AssessmentDetail> {
    await this.db.transaction(async (manager) => {
      const { assessment } = await this.load(manager, actor, id, 'cancel', true);
      if (assessment.status !== 'in_progress')
        throw new ConflictException('Only an administration in progress can be cancelled.');
      await manager.update(Assessment, { id }, { status: 'cancelled' });
      await this.audit.record(
        { action: 'assessment.cancelled', entityType: 'assessment', entityId: id },
        manager,
      );
    });
    return this.staffDetail(this.db.manager, actor, id);
  }

  /** Lets the client see (or stop seeing) the result in their portal. */
  async share(actor: AuthenticatedUser, id: string, shared: boolean): Promise<AssessmentDetail> {
    await this.db.transaction(async (manager) => {
      const { assessment } = await this.load(manager, actor, id, 'share', true);
      if (assessment.status !== 'completed')
        throw new ConflictException('Only a completed result can be shared.');
      await manager.update(Assessment, { id }, { sharedWithClient: shared });
      await this.audit.record(
        {
          action: shared ? 'assessment.shared' : 'assessment.unshared',
          entityType: 'assessment',
          entityId: id,
        },
        manager,
      );
    });
    return this.staffDetail(this.db.manager, actor, id);
  }

  async acknowledgeRisk(
    actor: AuthenticatedUser,
    id: string,
    note: string | null,
  ): Promise<RiskFlagView[]> {
    return this.db.transaction(async (manager) => {
      const { assessment, client } = await this.load(manager, actor, id, 'view', true);
      await this.access.authorize(
        actor,
        'risk_flag',
        { clinicId: client.clinicId, client: tiesOf(client, null) },
        'acknowledge',
        id,
      );
      const acknowledged = await this.riskFlags.acknowledge(manager, actor.id, id, note);
      if (acknowledged === 0)
        throw new ConflictException('This administration has no open risk flag.');
      return this.riskFlags.list(manager, assessment.clinicId, { assessmentId: id }, false);
    });
  }

  /** The administration as a FHIR R4 QuestionnaireResponse (treating therapist; audited as an export). */
  async fhir(actor: AuthenticatedUser, id: string): Promise<FhirQuestionnaireResponse> {
    const { assessment } = await this.load(this.db.manager, actor, id, 'export');
    await this.audit.record({
      action: 'assessment.exported',
      entityType: 'assessment',
      entityId: id,
      detail: { format: 'fhir' },
    });
    return toFhirQuestionnaireResponse(
      storedInstrument(assessment.instrumentCode, assessment.instrumentVersion),
      {
        id: assessment.id,
        clientId: assessment.clientId,
        completed: assessment.status === 'completed',
        authored: (assessment.completedAt ?? assessment.updatedAt).toISOString(),
        answers: assessment.answers,
      },
      this.config.publicUrl,
    );
  }

  /** The treating therapist's view of one administration: answers, result and risk flags. */
  async staffDetail(
    manager: EntityManager,
    actor: AuthenticatedUser,
    id: string,
  ): Promise<AssessmentDetail> {
    const { assessment, client, can } = await this.load(manager, actor, id, 'read');
    const definition = storedInstrument(assessment.instrumentCode, assessment.instrumentVersion);
    const risks = await this.riskFlags.list(manager, client.clinicId, { assessmentId: id }, false);
    const clinic = await clinicOf(manager, client.clinicId);
    const timeZone = clinic.timeZone;
    // While a flag is open the therapist sees the resources and the prompt to assess risk now.
    const open = risks.some((risk) => risk.acknowledgedAt === null);
    return toDetail(assessment, definition, todayIn(timeZone), {
      withResult: true,
      risks,
      can,
      support: open ? inSessionRiskPrompt(clinic) : null,
      interpretation: interpretAnswers(definition, assessment.answers),
    });
  }

  /** A client opening one of their questionnaires (audited; the echo of a save is not). */
  async getMine(actor: AuthenticatedUser, id: string): Promise<AssessmentDetail> {
    const detail = await this.clientDetail(this.db.manager, actor, id);
    await this.audit.record({
      action: 'assessment.own_viewed',
      entityType: 'assessment',
      entityId: id,
    });
    return detail;
  }

  /** The client's view: their answers; the result only if the therapist shared it; never flags. */
  async clientDetail(
    manager: EntityManager,
    actor: AuthenticatedUser,
    id: string,
  ): Promise<AssessmentDetail> {
    const { assessment, client, can } = await this.load(manager, actor, id, 'view');
    const definition = storedInstrument(assessment.instrumentCode, assessment.instrumentVersion);
    const clinic = await clinicOf(manager, client.clinicId);
    const timeZone = clinic.timeZone;
    // Help at once: returned with the very save that reports thoughts of death or self-harm, and
    // for as long as the answers say so, never only "thank you".
    const atRisk = scoreAnswers(definition, assessment.answers).risks.length > 0;
    const withResult = can.includes('read_result');
    return toDetail(assessment, definition, todayIn(timeZone), {
      withResult,
      risks: [],
      can,
      support: atRisk ? supportAfterRiskAnswer(clinic) : null,
      interpretation:
        withResult && definition.interpretation
          ? {
              note: definition.interpretation.clientNote ?? definition.interpretation.note,
              context: [],
              notes: [],
            }
          : null,
    });
  }

  /**
   * An administration through the access layer. For a client, only those sent to their own
   * portal exist (the permissions table grants them nothing else); anything else is 404.
   */
  async load(
    manager: EntityManager,
    actor: AuthenticatedUser,
    id: string,
    action: ActionOf<'assessment'>,
    lock = false,
  ): Promise<{ assessment: Assessment; client: Client; can: ActionOf<'assessment'>[] }> {
    const loaded = await this.access.load(actor, 'assessment', id, action, { manager, lock });
    return { assessment: loaded.record, client: loaded.record.client as Client, can: loaded.can };
  }

  private detailFor(
    actor: AuthenticatedUser,
    id: string,
    answerer: Answerer,
  ): Promise<AssessmentDetail> {
    return answerer === 'client'
      ? this.clientDetail(this.db.manager, actor, id)
      : this.staffDetail(this.db.manager, actor, id);
  }

  private async openForAnswering(
    manager: EntityManager,
    actor: AuthenticatedUser,
    id: string,
    answerer: Answerer,
  ): Promise<{ assessment: Assessment; definition: InstrumentDefinition }> {
    const { assessment } = await this.load(manager, actor, id, 'answer', true);
    if (answerer === 'therapist' && assessment.mode === 'portal') {
      throw new ConflictException(
        "This questionnaire was sent to the client's portal: the client answers it.",
      );
    }
    if (assessment.status !== 'in_progress') {
      throw new ConflictException(
        assessment.status === 'completed'
          ? 'This questionnaire is completed and cannot change.'
          : 'This questionnaire was cancelled.',
      );
    }
    return {
      assessment,
      definition: storedInstrument(assessment.instrumentCode, assessment.instrumentVersion),
    };
  }

  private async assertReplaceable(
    manager: EntityManager,
    replacesId: string,
    clientId: string,
    definition: InstrumentDefinition,
  ): Promise<void> {
    const replaced = await manager.findOneBy(Assessment, {
      id: replacesId,
      clientId,
      instrumentCode: definition.code,
      status: 'completed',
    });
    if (!replaced) {
      throw new FieldValidationException([
        {
          field: 'replacesId',
          problems: [`replacesId must name a completed ${definition.code} of this client`],
        },
      ]);
    }
  }
}

/** Applies a save to the stored answers: validated values replace, null clears. */
function mergeAnswers(
  definition: InstrumentDefinition,
  current: Answers,
  sent: Record<string, unknown>,
): Answers {
  const values = Object.fromEntries(
    Object.entries(sent).filter(([, value]) => value !== null),
  ) as Answers;
  const problems = validateAnswers(definition, values);
  const unknownCleared = Object.keys(sent).filter(
    (itemId) => sent[itemId] === null && !definition.items.some((item) => item.id === itemId),
  );
  const fields = [
    ...problems.map((problem) => ({
      field: `answers.${problem.itemId}`,
      problems: [problem.problem],
    })),
    ...unknownCleared.map((itemId) => ({
      field: `answers.${itemId}`,
      problems: [`${itemId} is not an item of ${definition.code}`],
    })),
  ];
  if (fields.length) throw new FieldValidationException(fields);
  const merged: Answers = { ...current, ...values };
  for (const [itemId, value] of Object.entries(sent)) {
    if (value === null) delete merged[itemId];
  }
  return merged;
}
