import { Injectable } from '@nestjs/common';
import { APPOINTMENT_KIND_LABELS } from '@cairn/contracts';
import { changeBetween } from '@cairn/instruments';
import { strToU8, zipSync } from 'fflate';
import { Brackets } from 'typeorm';
import type { Assessment } from '../assessments/entities/assessment.entity';
import { storedInstrument } from '../assessments/instrument-lookup';
import { csvCell } from '../audit/audit-trail.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Db } from '../database/db.service';
import { FhirService } from '../fhir/fhir.service';
import { Appointment } from '../scheduling/entities/appointment.entity';

export interface RecordExport {
  zip: Uint8Array;
  files: string[];
}

function csv(rows: (string | number | null)[][]): string {
  return (
    rows.map((cells) => cells.map((cell) => csvCell(String(cell ?? ''))).join(',')).join('\r\n') +
    '\r\n'
  );
}

/**
 * A client's record in one zip, for a clinic changing systems or a client's request for their
 * records: the FHIR Bundle of `$everything`, and CSV files a spreadsheet user can open (cells
 * that a spreadsheet would run as formulas are defused). What goes in is what the caller may
 * read: the treating therapist the clinical record, an admin the non-clinical part only.
 * Psychotherapy notes are never read here. One audit row per export.
 */
@Injectable()
export class RecordExportService {
  constructor(
    private readonly db: Db,
    private readonly fhir: FhirService,
    private readonly audit: AuditService,
  ) {}

  async export(actor: AuthenticatedUser, clientId: string): Promise<RecordExport> {
    const { bundle, clinical, assessments } = await this.fhir.record(actor, clientId);
    const files: Record<string, Uint8Array> = {
      'README.txt': strToU8(readme(clinical)),
      'fhir/everything.json': strToU8(JSON.stringify(bundle, null, 2)),
      'appointments.csv': strToU8(await this.appointmentsCsv(clientId)),
    };
    if (clinical) files['scores.csv'] = strToU8(scoresCsv(assessments));
    // A fixed date inside the zip: the same record exports to the same bytes.
    const zip = zipSync(files, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
    await this.audit.record({
      action: 'client.record_exported',
      entityType: 'client',
      entityId: clientId,
      detail: { files: Object.keys(files).length, clinical, bytes: zip.length },
    });
    return { zip, files: Object.keys(files) };
  }

  /** Times, kind and status only: no reason for contact, no one else's name. */
  private async appointmentsCsv(clientId: string): Promise<string> {
    const rows = await this.db.manager
      .createQueryBuilder(Appointment, 'a')
      .where(
        new Brackets((where) =>
          where.where('a.client_id = :clientId').orWhere('a.partner_client_id = :clientId'),
        ),
        { clientId },
      )
      .orderBy('a.starts_at', 'ASC')
      .getMany();
    return csv([
      ['start', 'end', 'kind', 'status', 'location'],
      ...rows.map((row) => [
        row.startsAt.toISOString(),
        row.endsAt.toISOString(),
        APPOINTMENT_KIND_LABELS[row.kind],
        row.status,
        row.location,
      ]),
    ]);
  }
}

function scoresCsv(assessments: Assessment[]): string {
  const completed = assessments
    .filter((row) => row.status === 'completed' && row.result && row.completedAt)
    .sort((a, b) => (a.completedAt?.getTime() ?? 0) - (b.completedAt?.getTime() ?? 0));
  const previous = new Map<string, number>();
  const lines = completed.map((row) => {
    const definition = storedInstrument(row.instrumentCode, row.instrumentVersion);
    const total = row.result?.total ?? null;
    const earlier = previous.get(row.instrumentCode);
    const change =
      earlier !== undefined && total !== null ? changeBetween(definition, earlier, total) : null;
    if (total !== null) previous.set(row.instrumentCode, total);
    return [
      row.completedAt?.toISOString() ?? '',
      definition.shortTitle,
      definition.version,
      total,
      row.result?.severity?.label ?? null,
      (row.result?.subscales ?? [])
        .filter((subscale) => subscale.score !== null)
        .map((subscale) => `${subscale.label}: ${subscale.score}`)
        .join('; '),
      change ? (change.reliable ?? 'none') : null,
    ];
  });
  return csv([
    ['completed_at', 'instrument', 'version', 'total', 'band', 'subscales', 'reliable_change'],
    ...lines,
  ]);
}

function readme(clinical: boolean): string {
  return [
    'Record export',
    '',
    'fhir/everything.json  The record as a FHIR R4 Bundle (type collection).',
    'appointments.csv      Appointments: start and end (UTC), kind, status, location.',
    ...(clinical
      ? [
          'scores.csv            Completed questionnaire scores, oldest first, with reliable change.',
        ]
      : ['Clinical content is not included in this copy.']),
    '',
    'Psychotherapy notes are never part of an export.',
    '',
  ].join('\r\n');
}
