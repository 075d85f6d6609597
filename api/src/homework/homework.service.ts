import { ConflictException, Injectable } from '@nestjs/common';
import {
  addDays,
  type ActionOf,
  daysBetween,
  type HomeworkAssignment,
  type HomeworkEntry,
} from '@cairn/contracts';
import {
  DAILY_REPAIR_CHECK_IN,
  repairCheckInSeries,
  type RepairCheckInPoint,
} from '@cairn/instruments';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { Client } from '../clients/entities/client.entity';
import { FieldValidationException } from '../http/api-exception.filter';
import { AccessService } from '../access/access.service';
import type { CreateHomeworkAssignmentDto, UpdateHomeworkAssignmentDto } from './dto/homework.dto';
import { HomeworkAssignmentRecord } from './entities/homework-assignment.entity';
import { HomeworkEntryRecord } from './entities/homework-entry.entity';
import { HomeworkTemplateRecord } from './entities/homework-template.entity';
import { clinicToday } from '../clinics/clinic-time';
import { toAssignment, toTherapistEntry } from './homework-views';
import { Db } from '../database/db.service';
import { FieldCipher } from '../crypto/field-cipher';
import { entriesForReport } from './report-entries';

/** The longest span one assignment may cover; a longer course is a new assignment. */
export const MAX_ASSIGNMENT_DAYS = 366;

/**
 * The treating therapist's side of homework: assign from the library, follow adherence, read
 * entries (never the text of a private journal entry), adjust and close. Admins see none of it.
 */
@Injectable()
export class HomeworkService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  async listForClient(actor: AuthenticatedUser, clientId: string): Promise<HomeworkAssignment[]> {
    const manager = this.db.manager;
    const { record: client } = await this.access.inFile(
      actor,
      clientId,
      'homework_assignment',
      'read',
    );
    const rows = await manager.find(HomeworkAssignmentRecord, {
      where: { clientId },
      relations: { template: true },
      order: { createdAt: 'DESC' },
    });
    await this.audit.record({
      action: 'homework.listed',
      entityType: 'client',
      entityId: clientId,
    });
    const today = await clinicToday(manager, client.clinicId);
    const done = await doneByAssignment(
      manager,
      rows.map((row) => row.id),
    );
    return rows
      .map((row) => toAssignment(row, row.template!, done.get(row.id) ?? [], today))
      .sort((a, b) => Number(a.closedOn !== null) - Number(b.closedOn !== null));
  }

  /** Assigns a template; with `forPartnerToo`, the linked partner gets a twin in the same write. */
  async assign(
    actor: AuthenticatedUser,
    clientId: string,
    dto: CreateHomeworkAssignmentDto,
  ): Promise<HomeworkAssignment> {
    const id = await this.db.transaction(async (manager) => {
      const { record: client } = await this.access.inFile(
        actor,
        clientId,
        'homework_assignment',
        'create',
        { manager, lock: true },
      );
      const today = await clinicToday(manager, client.clinicId);
      assertDates(dto.startsOn, dto.endsOn, today);
      const template = await manager.findOneBy(HomeworkTemplateRecord, {
        id: dto.templateId,
        clinicId: client.clinicId,
      });
      if (!template) {
        throw new FieldValidationException([
          { field: 'templateId', problems: ['templateId must name a template of your clinic'] },
        ]);
      }
      const partner = dto.forPartnerToo ? await this.partnerOf(manager, actor, client) : null;
      const create = (forClient: Client) =>
        manager.save(
          manager.create(HomeworkAssignmentRecord, {
            clinicId: forClient.clinicId,
            clientId: forClient.id,
            templateId: template.id,
            instructions: dto.instructions ?? template.instructions,
            frequency: dto.frequency,
            startsOn: dto.startsOn,
            endsOn: dto.endsOn,
            partnerAssignmentId: null,
            createdBy: actor.id,
            closedAt: null,
            closedOn: null,
            closedBy: null,
          }),
        );
      const assignment = await create(client);
      await this.audit.record(
        {
          action: 'homework.assigned',
          entityType: 'homework_assignment',
          entityId: assignment.id,
          detail: { frequency: dto.frequency, template: template.libraryKey ?? 'clinic' },
        },
        manager,
      );
      if (partner) {
        const twin = await create(partner);
        await manager.update(HomeworkAssignmentRecord, twin.id, {
          partnerAssignmentId: assignment.id,
        });
        await manager.update(HomeworkAssignmentRecord, assignment.id, {
          partnerAssignmentId: twin.id,
        });
        await this.audit.record(
          {
            action: 'homework.assigned',
            entityType: 'homework_assignment',
            entityId: twin.id,
            detail: { frequency: dto.frequency, couple: true },
          },
          manager,
        );
      }
      return assignment.id;
    });
    return this.viewOf(actor, id);
  }

  async update(
    actor: AuthenticatedUser,
    id: string,
    dto: UpdateHomeworkAssignmentDto,
  ): Promise<HomeworkAssignment> {
    await this.db.transaction(async (manager) => {
      // Closing may close the partner's twin too: both rows are locked first, in one order, so
      // two closes from the two charts at once cannot deadlock.
      if (dto.closed) await lockTwins(manager, id);
      const { assignment, client } = await this.load(manager, actor, id, 'edit', true);
      if (assignment.closedAt) {
        throw new ConflictException('This homework is closed and can no longer change.');
      }
      const twin = dto.closed ? await this.openTwinToClose(manager, actor, assignment, dto) : null;
      const today = await clinicToday(manager, client.clinicId);
      const changes: Partial<HomeworkAssignmentRecord> = {};
      if (dto.instructions !== undefined) changes.instructions = dto.instructions;
      if (dto.endsOn !== undefined) {
        assertSpan(assignment.startsOn, dto.endsOn);
        const { last } = (await manager
          .createQueryBuilder(HomeworkEntryRecord, 'entry')
          .select('MAX(entry.occurs_on)::text', 'last')
          .where('entry.assignment_id = :id', { id })
          .getRawOne<{ last: string | null }>()) ?? { last: null };
        if (last && dto.endsOn < last) {
          throw new ConflictException(
            `The client has an entry for ${last}: the end date cannot be before it.`,
          );
        }
        changes.endsOn = dto.endsOn;
      }
      if (dto.closed) {
        changes.closedAt = new Date();
        changes.closedOn = today;
        changes.closedBy = actor.id;
      }
      if (Object.keys(changes).length === 0) return;
      await manager.update(HomeworkAssignmentRecord, id, changes);
      if (twin) {
        await manager.update(HomeworkAssignmentRecord, twin.id, {
          closedAt: changes.closedAt,
          closedOn: changes.closedOn,
          closedBy: actor.id,
        });
        await this.audit.record(
          {
            action: 'homework.closed',
            entityType: 'homework_assignment',
            entityId: twin.id,
            detail: { couple: true },
          },
          manager,
        );
      }
      await this.audit.record(
        {
          action: dto.closed ? 'homework.closed' : 'homework.updated',
          entityType: 'homework_assignment',
          entityId: id,
          detail: { fields: Object.keys(dto).join(',') },
        },
        manager,
      );
    });
    return this.viewOf(actor, id);
  }

  /** Every entry of an assignment, newest first; private journal text is never included. Audited. */
  async entries(actor: AuthenticatedUser, id: string): Promise<HomeworkEntry[]> {
    const manager = this.db.manager;
    await this.load(manager, actor, id, 'read');
    const rows = await manager.find(HomeworkEntryRecord, {
      where: { assignmentId: id },
      order: { occursOn: 'DESC' },
    });
    await this.audit.record({
      action: 'homework.entries_viewed',
      entityType: 'homework_assignment',
      entityId: id,
      detail: { entries: rows.length },
    });
    return rows.map(toTherapistEntry);
  }

  /**
   * What a progress report needs of a client's homework, as of a clinic day: adherence per
   * assignment and per week, and the daily repair check-in series. No access check and no audit
   * here: the caller (a report, already authorised for the client) owns both.
   */
  async reportData(
    manager: EntityManager,
    clientId: string,
    asOf: string,
  ): Promise<{ assignments: HomeworkAssignment[]; repairCheckIns: RepairCheckInPoint[] }> {
    const rows = await manager.find(HomeworkAssignmentRecord, {
      where: { clientId },
      relations: { template: true },
      order: { startsOn: 'ASC' },
    });
    const repairIds = rows
      .filter((row) => row.template?.checkInForm === DAILY_REPAIR_CHECK_IN.code)
      .map((row) => row.id);
    // One read of the entries serves both adherence (dates) and the check-in series (answers).
    const entries = await entriesForReport(
      manager,
      this.cipher,
      rows.map((row) => row.id),
      repairIds,
    );
    const done = datesByAssignment(entries);
    const repairEntries = entries.filter((entry) => entry.repair);
    return {
      assignments: rows.map((row) =>
        toAssignment(row, row.template!, done.get(row.id) ?? [], asOf),
      ),
      repairCheckIns: repairCheckInSeries(repairEntries),
    };
  }

  private async viewOf(actor: AuthenticatedUser, id: string): Promise<HomeworkAssignment> {
    const manager = this.db.manager;
    const { assignment, client } = await this.load(manager, actor, id, 'read');
    const template = await manager.findOneByOrFail(HomeworkTemplateRecord, {
      id: assignment.templateId,
    });
    const done = await doneByAssignment(manager, [id]);
    return toAssignment(
      assignment,
      template,
      done.get(id) ?? [],
      await clinicToday(manager, client.clinicId),
    );
  }

  /**
   * The partner's twin to close with this one, or null. While the twin is open the caller must
   * say what to do with it (`partnerToo`), so one partner's homework is never left open by
   * accident; closing it needs the partner on the caller's caseload.
   */
  private async openTwinToClose(
    manager: EntityManager,
    actor: AuthenticatedUser,
    assignment: HomeworkAssignmentRecord,
    dto: UpdateHomeworkAssignmentDto,
  ): Promise<HomeworkAssignmentRecord | null> {
    if (!assignment.partnerAssignmentId) return null;
    const twin = await manager.findOneBy(HomeworkAssignmentRecord, {
      id: assignment.partnerAssignmentId,
    });
    if (!twin || twin.closedAt) return null;
    if (dto.partnerToo === undefined) {
      throw new FieldValidationException([
        {
          field: 'partnerToo',
          problems: [
            "This homework was also given to the partner and theirs is still open: say whether to close the partner's too (partnerToo true or false).",
          ],
        },
      ]);
    }
    if (!dto.partnerToo) return null;
    await this.access.inPartnerFile(
      actor,
      twin.clientId,
      'homework_assignment',
      'edit',
      "The partner is not on your caseload: their therapist closes the partner's homework.",
      { manager },
    );
    return twin;
  }

  /** The linked partner's file, when the same therapist treats them; otherwise a clear 409. */
  private async partnerOf(
    manager: EntityManager,
    actor: AuthenticatedUser,
    client: Client,
  ): Promise<Client> {
    if (!client.partnerId) {
      throw new ConflictException('This client has no linked partner to assign it to as well.');
    }
    // Read, not locked: locking A then B here while a twin assignment from B's chart locks B
    // then A would deadlock (and answer 500). The client's own row is the one held.
    return this.access.inPartnerFile(
      actor,
      client.partnerId,
      'homework_assignment',
      'create',
      "The partner is not on your caseload: their therapist assigns the partner's homework.",
      { manager },
    );
  }

  /** An assignment through the access layer; one the caller may not know is 404. */
  async load(
    manager: EntityManager,
    actor: AuthenticatedUser,
    id: string,
    action: ActionOf<'homework_assignment'>,
    lock = false,
  ): Promise<{ assignment: HomeworkAssignmentRecord; client: Client }> {
    const { record } = await this.access.load(actor, 'homeworkAssignment', id, action, {
      manager,
      lock,
    });
    return { assignment: record, client: record.client as Client };
  }
}

/** Locks an assignment and its twin (if any) in id order. */
async function lockTwins(manager: EntityManager, id: string): Promise<void> {
  await manager.query(
    `SELECT id FROM homework_assignments
      WHERE id = $1 OR id = (SELECT partner_assignment_id FROM homework_assignments WHERE id = $1)
      ORDER BY id FOR UPDATE`,
    [id],
  );
}

/** The occurrence dates with an entry, per assignment: all adherence needs, no entry text. */
export async function doneByAssignment(
  manager: EntityManager,
  assignmentIds: string[],
): Promise<Map<string, string[]>> {
  if (assignmentIds.length === 0) return new Map();
  const rows = await manager.find(HomeworkEntryRecord, {
    select: { assignmentId: true, occursOn: true },
    where: { assignmentId: In(assignmentIds) },
  });
  return datesByAssignment(rows);
}

/** Entry dates per assignment (appended in place: copying the list per row grew as its square). */
function datesByAssignment(
  entries: readonly { assignmentId: string; occursOn: string }[],
): Map<string, string[]> {
  const done = new Map<string, string[]>();
  for (const entry of entries) {
    const dates = done.get(entry.assignmentId);
    if (dates) dates.push(entry.occursOn);
    else done.set(entry.assignmentId, [entry.occursOn]);
  }
  return done;
}

function assertSpan(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) {
    throw new FieldValidationException([
      { field: 'endsOn', problems: ['endsOn must be on or after startsOn'] },
    ]);
  }
  if (daysBetween(startsOn, endsOn) >= MAX_ASSIGNMENT_DAYS) {
    throw new FieldValidationException([
      {
        field: 'endsOn',
        problems: [`an assignment may cover at most ${MAX_ASSIGNMENT_DAYS} days`],
      },
    ]);
  }
}

function assertDates(startsOn: string, endsOn: string, today: string): void {
  assertSpan(startsOn, endsOn);
  if (endsOn < today) {
    throw new FieldValidationException([
      { field: 'endsOn', problems: ['endsOn must not be in the past'] },
    ]);
  }
  if (startsOn < addDays(today, -MAX_ASSIGNMENT_DAYS)) {
    throw new FieldValidationException([
      { field: 'startsOn', problems: ['startsOn is too far in the past'] },
    ]);
  }
}
