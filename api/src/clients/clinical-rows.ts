import type {
  ClientClinical,
  ClientHistory,
  DisclosureStatus,
  RelationshipStatus,
  TimelineEventKind,
  TreatmentPhase,
} from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import type { FieldCipher } from '../crypto/field-cipher';
import { openRawField } from '../crypto/sealed-fields';
import { EMPTY_HISTORY } from './client-views';
import { ClientIntake } from './entities/client-intake.entity';
import { TimelineEventRecord } from './entities/timeline-event.entity';

/*
 * The clinical side of the chart in three fixed statements, read on every view of a file by its
 * treating therapist. TypeORM's builder, relation join and hydration (with the sealed-fields
 * subscriber) cost several times the statements' own time; the sealed values are opened here
 * with the same context rule the subscriber uses. Dates come back as text, as the entities'
 * `date` columns hold them. Row-level security keeps every statement inside the request's clinic.
 */

const SELECT_INTAKE = `SELECT presenting_concerns_key_id, presenting_concerns_sealed,
         relationship_status, disclosure_status, history_key_id, history_sealed, updated_at
    FROM client_intakes WHERE client_id = $1`;

const SELECT_TIMELINE = `SELECT id, kind, label, occurred_on::text AS occurred_on, note_key_id, note_sealed
    FROM client_timeline_events
   WHERE client_id = $1 AND removed_at IS NULL
   ORDER BY occurred_on ASC, created_at ASC`;

const SELECT_PHASES = `SELECT p.id, p.phase, p.started_on::text AS started_on, u.display_name AS recorded_by
    FROM client_treatment_phases p
    LEFT JOIN users u ON u.id = p.recorded_by
   WHERE p.client_id = $1
   ORDER BY p.started_on DESC`;

interface IntakeRow {
  presenting_concerns_key_id: string | null;
  presenting_concerns_sealed: Buffer | null;
  relationship_status: RelationshipStatus | null;
  disclosure_status: DisclosureStatus | null;
  history_key_id: string | null;
  history_sealed: Buffer | null;
  updated_at: Date;
}

interface TimelineRow {
  id: string;
  kind: TimelineEventKind;
  label: string | null;
  occurred_on: string;
  note_key_id: string | null;
  note_sealed: Buffer | null;
}

interface PhaseRow {
  id: string;
  phase: TreatmentPhase;
  started_on: string;
  recorded_by: string | null;
}

/** Call only after the access layer granted reading the intake. */
export async function readClinical(
  manager: EntityManager,
  cipher: FieldCipher,
  clientId: string,
): Promise<ClientClinical> {
  const [intake] = await manager.query<IntakeRow[]>(SELECT_INTAKE, [clientId]);
  const events = await manager.query<TimelineRow[]>(SELECT_TIMELINE, [clientId]);
  const phases = await manager.query<PhaseRow[]>(SELECT_PHASES, [clientId]);
  const phaseHistory = phases.map((row) => ({
    id: row.id,
    phase: row.phase,
    startedOn: row.started_on,
    recordedBy: row.recorded_by ?? '',
  }));
  return {
    intake: {
      presentingConcerns: intake
        ? (openRawField(
            cipher,
            ClientIntake,
            'presentingConcerns',
            clientId,
            intake.presenting_concerns_key_id,
            intake.presenting_concerns_sealed,
          ) as string | null)
        : null,
      relationshipStatus: intake?.relationship_status ?? null,
      disclosureStatus: intake?.disclosure_status ?? null,
      history: {
        ...EMPTY_HISTORY,
        ...(intake
          ? (openRawField(
              cipher,
              ClientIntake,
              'history',
              clientId,
              intake.history_key_id,
              intake.history_sealed,
            ) as Partial<ClientHistory> | null)
          : null),
      },
      updatedAt: intake?.updated_at.toISOString() ?? null,
    },
    timeline: events.map((row) => ({
      id: row.id,
      kind: row.kind,
      label: row.label,
      occurredOn: row.occurred_on,
      note: openRawField(
        cipher,
        TimelineEventRecord,
        'note',
        row.id,
        row.note_key_id,
        row.note_sealed,
      ) as string | null,
    })),
    phase: phaseHistory[0] ?? null,
    phaseHistory,
  };
}
