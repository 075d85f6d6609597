import type { ResourceKind } from '@cairn/contracts';
import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Assessment } from '../assessments/entities/assessment.entity';
import { MeasurementScheduleRecord } from '../assessments/entities/measurement-schedule.entity';
import type { Client } from '../clients/entities/client.entity';
import { TimelineEventRecord } from '../clients/entities/timeline-event.entity';
import { HomeworkAssignmentRecord } from '../homework/entities/homework-assignment.entity';
import { HomeworkEntryRecord } from '../homework/entities/homework-entry.entity';
import { SessionNote } from '../notes/entities/session-note.entity';
import { RecordExportRecord } from '../record-export/entities/record-export.entity';
import { ProgressReport } from '../reports/entities/progress-report.entity';
import { SafetyScreenRecord } from '../safety/entities/safety-screen.entity';
import { Appointment } from '../scheduling/entities/appointment.entity';
import { User } from '../users/entities/user.entity';
import type { AccessFacts, ClientTies } from './relations';
import { readClientFile, type ClientFile } from './client-file';

/** A record as the loader found it: the row, what decides access to it, and its kind. */
export interface Found<Row> {
  record: Row;
  kind: ResourceKind;
  facts: AccessFacts;
}

type Loader<Row> = (
  manager: EntityManager,
  id: string,
  clinicId: string,
  lock: boolean,
) => Promise<Found<Row> | null>;

/** The partner's portal account, read in the same statement as the record. */
const partnerPortalOf = (partnerColumn: string) =>
  `(SELECT p.portal_user_id FROM clients p WHERE p.id = ${partnerColumn})`;

export function tiesOf(client: Client, partnerPortalUserId: string | null): ClientTies {
  return {
    id: client.id,
    primaryTherapistId: client.primaryTherapistId,
    portalUserIds: client.portalUserId ? [client.portalUserId] : [],
    partnerPortalUserId,
  };
}

/**
 * One statement: the record by id, always within the caller's clinic (beside row-level
 * security, so a missing setting can never widen it), joined to what its access depends on.
 * With `lock`, the record's row is held FOR UPDATE; row-level security hides rows that can never
 * change again (a signed note) from FOR UPDATE, so those are read without the lock, as they are.
 */
async function select<Row extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<Row>,
  id: string,
  clinicId: string,
  lock: boolean,
  joins: (query: SelectQueryBuilder<Row>) => SelectQueryBuilder<Row>,
): Promise<{ record: Row; raw: Record<string, unknown> } | null> {
  const build = () =>
    joins(manager.createQueryBuilder(entity, 'r')).andWhere(
      'r.id = :id AND r.clinic_id = :clinicId',
      { id, clinicId },
    );
  const first = ({ entities, raw }: { entities: Row[]; raw: Record<string, unknown>[] }) =>
    entities[0] ? { record: entities[0], raw: raw[0] ?? {} } : null;
  if (lock) {
    const locked = first(
      await build()
        .setLock('pessimistic_write', undefined, ['r'])
        .getRawAndEntities<Record<string, unknown>>(),
    );
    if (locked) return locked;
  }
  return first(await build().getRawAndEntities<Record<string, unknown>>());
}

/** For records that belong to one client file: the file and its partner's portal account. */
function withClient<Row extends ObjectLiteral>(query: SelectQueryBuilder<Row>) {
  return query
    .innerJoinAndSelect('r.client', 'client')
    .addSelect(partnerPortalOf('client.partner_id'), 'partner_portal');
}

const partnerPortal = (raw: Record<string, unknown>) =>
  typeof raw['partner_portal'] === 'string' ? raw['partner_portal'] : null;

function clientRecord<Row extends ObjectLiteral & { clinicId: string; client?: Client }>(
  entity: EntityTarget<Row>,
  kind: ResourceKind | ((row: Row) => ResourceKind),
  extra: (row: Row) => Partial<AccessFacts> = () => ({}),
  joins: (query: SelectQueryBuilder<Row>) => SelectQueryBuilder<Row> = withClient,
): Loader<Row> {
  return async (manager, id, clinicId, lock) => {
    const found = await select(manager, entity, id, clinicId, lock, joins);
    if (!found?.record.client) return null;
    const { record, raw } = found;
    return {
      record,
      kind: typeof kind === 'function' ? kind(record) : kind,
      facts: {
        clinicId: record.clinicId,
        client: tiesOf(found.record.client, partnerPortal(raw)),
        ...extra(record),
      },
    };
  };
}

/** What kind of record a note is to the permissions table. */
export function noteKind(note: SessionNote): 'progress_note' | 'psychotherapy_note' {
  return note.kind === 'psychotherapy' ? 'psychotherapy_note' : 'progress_note';
}

/**
 * What a note adds to its file's facts: its author. Notes read in a batch with their file (the
 * record export) are decided on the file's facts plus these, as `load` decides one note.
 */
export function noteFacts(note: SessionNote): Partial<AccessFacts> {
  return { authorId: note.authorId };
}

/** An appointment's facts; its client and partner client must be loaded with it. */
export function appointmentFacts(appointment: Appointment): AccessFacts {
  const people = [appointment.client, appointment.partnerClient].filter((c): c is Client => !!c);
  const primary = appointment.client ?? null;
  return {
    clinicId: appointment.clinicId,
    therapistId: appointment.therapistId,
    client: primary && {
      id: primary.id,
      primaryTherapistId: primary.primaryTherapistId,
      // A couples session is both partners' own appointment.
      portalUserIds: people.flatMap((c) => (c.portalUserId ? [c.portalUserId] : [])),
      partnerPortalUserId: null,
    },
  };
}

/** A staff member, for their account, their hours and their calendar feed. */
function staffRecord(kind: ResourceKind, therapistsOnly: boolean): Loader<User> {
  return async (manager, id, clinicId, lock) => {
    const found = await select(manager, User, id, clinicId, lock, (query) =>
      therapistsOnly ? query.where(`r.role = 'therapist'`) : query.where(`r.role <> 'client'`),
    );
    if (!found) return null;
    const user = found.record;
    return {
      record: user,
      kind,
      facts:
        kind === 'staff_account'
          ? { clinicId: user.clinicId, staffUserId: user.id }
          : { clinicId: user.clinicId, therapistId: user.id },
    };
  };
}

/**
 * How each type of record is found by id and what decides access to it. Loading anything by id
 * goes through here (AccessService.load); a new type of record is one entry.
 */
export const RECORD_LOADERS = {
  client: (async (manager, id, clinicId, lock) => {
    const file = await readClientFile(manager, id, clinicId, lock);
    if (!file) return null;
    return {
      record: file,
      kind: 'client',
      facts: {
        clinicId: file.clinicId,
        client: tiesOf(file, file.related.partner?.portalUserId ?? null),
      },
    };
  }) as Loader<ClientFile>,
  timelineEvent: clientRecord(TimelineEventRecord, 'timeline_event'),
  assessment: clientRecord(Assessment, 'assessment', (row) => ({
    conditions: {
      sent_to_portal: row.mode === 'portal',
      shared_with_client: row.mode === 'portal' && row.sharedWithClient,
    },
  })),
  measurementSchedule: clientRecord(MeasurementScheduleRecord, 'measurement_schedule'),
  safetyScreen: clientRecord(SafetyScreenRecord, 'safety_screen', (row) => ({
    conditions: { sent_to_portal: row.mode === 'portal' },
  })),
  // With its author's id and name, all a note shows of the account (never its other columns, the
  // password hash among them), in the same statement rather than a read of its own.
  note: clientRecord(SessionNote, noteKind, noteFacts, (query) =>
    withClient(query).leftJoin('r.author', 'author').addSelect(['author.id', 'author.displayName']),
  ),
  report: clientRecord(ProgressReport, 'report', (row) => ({
    authorId: row.authorId,
    conditions: { shared_with_client: row.sharedWithClient && row.status === 'final' },
  })),
  homeworkAssignment: clientRecord(HomeworkAssignmentRecord, 'homework_assignment'),
  recordExport: clientRecord(RecordExportRecord, 'record_export', (row) => ({
    conditions: {
      non_clinical: !row.clinical,
      client_copy: row.audience === 'client',
      released: row.audience === 'client' && row.releasedAt !== null,
    },
  })),
  homeworkEntry: clientRecord(HomeworkEntryRecord, 'homework_entry'),
  appointment: (async (manager, id, clinicId, lock) => {
    const found = await select(manager, Appointment, id, clinicId, lock, (query) =>
      query.leftJoinAndSelect('r.client', 'client').leftJoinAndSelect('r.partnerClient', 'partner'),
    );
    if (!found) return null;
    return { record: found.record, kind: 'appointment', facts: appointmentFacts(found.record) };
  }) as Loader<Appointment>,
  availability: staffRecord('availability', true),
  calendarFeed: staffRecord('calendar_feed', true),
  staffAccount: staffRecord('staff_account', false),
} satisfies Record<string, Loader<ObjectLiteral>>;

export type RecordType = keyof typeof RECORD_LOADERS;
export type RecordOf<T extends RecordType> =
  Awaited<ReturnType<(typeof RECORD_LOADERS)[T]>> extends Found<infer Row> | null ? Row : never;

/** The kinds of the permissions table each type of record is judged as. */
export interface RecordKinds {
  client: 'client';
  timelineEvent: 'timeline_event';
  assessment: 'assessment';
  measurementSchedule: 'measurement_schedule';
  safetyScreen: 'safety_screen';
  note: 'progress_note' | 'psychotherapy_note';
  report: 'report';
  homeworkAssignment: 'homework_assignment';
  recordExport: 'record_export';
  homeworkEntry: 'homework_entry';
  appointment: 'appointment';
  availability: 'availability';
  calendarFeed: 'calendar_feed';
  staffAccount: 'staff_account';
}
