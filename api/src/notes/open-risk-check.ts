import { ConflictException } from '@nestjs/common';
import {
  templateFields,
  type NoteContent,
  type NoteTemplate,
  type RiskAssessmentValue,
} from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import { clinicTimeZone } from '../clinics/clinic-time';

/**
 * A progress note cannot say "no risk" over an open risk flag: a risk level of "None identified"
 * is refused (409) while the client has a flag nobody has acknowledged. Acknowledging it (what
 * was done) or recording the risk assessed lets the note be signed. Signed notes are never
 * touched by this: it runs only when a draft is signed.
 */
export async function assertNoRiskDeniedOverOpenFlag(
  manager: EntityManager,
  note: { clinicId: string; clientId: string },
  template: NoteTemplate,
  content: NoteContent,
): Promise<void> {
  const riskFields = templateFields(template).filter((field) => field.type === 'risk');
  const deniesRisk = riskFields.some(
    (field) => (content[field.key] as RiskAssessmentValue | undefined)?.level === 'none',
  );
  if (!deniesRisk) return;
  const open = await manager.query<{ raised_at: Date; instrument_code: string }[]>(
    `SELECT f.raised_at, a.instrument_code
       FROM risk_flags f JOIN assessments a ON a.id = f.assessment_id
      WHERE f.clinic_id = $1 AND f.client_id = $2 AND f.acknowledged_at IS NULL
      ORDER BY f.raised_at`,
    [note.clinicId, note.clientId],
  );
  const first = open[0];
  if (!first) return;
  const timeZone = await clinicTimeZone(manager, note.clinicId);
  const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).format(
    first.raised_at,
  );
  throw new ConflictException(
    `This client has ${open.length === 1 ? 'an open risk flag' : `${open.length} open risk flags`} (${first.instrument_code}, raised ${day}) that nobody has acknowledged yet. A note cannot be signed with risk "None identified" over it: acknowledge the flag from the note (what you did), or record the risk you assessed.`,
  );
}
