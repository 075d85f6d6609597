import { Injectable } from '@nestjs/common';
import {
  APPOINTMENT_KIND_LABELS,
  SERVICE_TYPE_LABELS,
  type ClientProgress,
  type RecordExportAudience,
} from '@cairn/contracts';
import { changeBetween } from '@cairn/instruments';
import { strToU8, zipSync } from 'fflate';
import { Brackets } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { Assessment } from '../assessments/entities/assessment.entity';
import { storedInstrument } from '../assessments/instrument-lookup';
import { csvCell } from '../audit/audit-trail.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ClientClinicalService } from '../clients/client-clinical.service';
import { letterheadOf } from '../clinics/clinic-settings';
import { Clinic } from '../clinics/entities/clinic.entity';
import { Db } from '../database/db.service';
import { FhirService } from '../fhir/fhir.service';
import { NoteReadsService } from '../notes/note-reads.service';
import type { OpenedNote } from '../notes/note-views';
import { ProgressService } from '../progress/progress.service';
import { ProgressReport } from '../reports/entities/progress-report.entity';
import { ReportVault } from '../reports/report-vault';
import { Appointment } from '../scheduling/entities/appointment.entity';
import { User } from '../users/entities/user.entity';
import { renderChartPdf, type ChartContent, type ChartReport } from './chart-pdf';

export interface BuiltExport {
  zip: Uint8Array;
  files: string[];
  clinical: boolean;
}

/** Called after each step of a build (1 to 4), so a job can show how far it has come. */
export type StepDone = (done: number) => Promise<void>;

function csv(rows: (string | number | null)[][]): string {
  return (
    rows.map((cells) => cells.map((cell) => csvCell(String(cell ?? ''))).join(',')).join('\r\n') +
    '\r\n'
  );
}

/**
 * Builds a client's record as one zip: the FHIR Bundle of `$everything`, the chart as a PDF, and
 * CSV files a spreadsheet user can open (cells a spreadsheet would run as formulas are defused).
 * What goes in is what `actor` may read: the treating therapist the clinical record, an admin
 * the non-clinical part only. The client's own copy (built as the therapist who released it)
 * leaves out the risk flags and the partner's data. Psychotherapy notes are never read here:
 * only `kind = 'progress'` notes are selected, and opened through the access layer. Audit is
 * the caller's: this reads in the current transaction and writes nothing.
 */
@Injectable()
export class RecordExportBuilder {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly fhir: FhirService,
    private readonly clinicalRecords: ClientClinicalService,
    private readonly progress: ProgressService,
    private readonly noteReads: NoteReadsService,
    private readonly reportVault: ReportVault,
  ) {}

  async build(
    actor: AuthenticatedUser,
    clientId: string,
    audience: RecordExportAudience,
    stepDone: StepDone = () => Promise.resolve(),
  ): Promise<BuiltExport> {
    const { bundle, clinical, assessments } = await this.fhir.record(actor, clientId, audience);
    const chart = await this.chartContent(actor, clientId, clinical, audience);
    await stepDone(1);

    const clinic = await this.db.manager.findOneByOrFail(Clinic, { id: chart.client.clinicId });
    const pdf = await renderChartPdf(chart, {
      ...letterheadOf(clinic),
      timeZone: clinic.timeZone,
      audience,
      generatedAt: new Date(),
    });
    await stepDone(2);

    const files: Record<string, Uint8Array> = {
      'README.txt': strToU8(readme(clinical)),
      'fhir/everything.json': strToU8(JSON.stringify(bundle, null, 2)),
      'chart.pdf': new Uint8Array(pdf),
      'appointments.csv': strToU8(await this.appointmentsCsv(clientId)),
    };
    if (clinical) {
      files['scores.csv'] = strToU8(scoresCsv(assessments));
      if (audience === 'staff') files['notes.csv'] = strToU8(notesCsv(chart.notes));
      if (chart.progress) files['homework.csv'] = strToU8(homeworkCsv(chart.progress));
    }
    await stepDone(3);

    // A fixed date inside the zip: the same record exports to the same bytes.
    const zip = zipSync(files, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
    await stepDone(4);
    return { zip, files: Object.keys(files), clinical };
  }

  private async chartContent(
    actor: AuthenticatedUser,
    clientId: string,
    clinical: boolean,
    audience: RecordExportAudience,
  ): Promise<ChartContent> {
    const manager = this.db.manager;
    const file = await this.access.load(actor, 'client', clientId, 'view');
    const client = file.record;
    const therapist = client.primaryTherapistId
      ? await manager.findOneBy(User, { id: client.primaryTherapistId })
      : null;
    const chart: ChartContent = {
      client,
      therapistName: therapist?.displayName ?? null,
      clinical: null,
      progress: null,
      notes: [],
      reports: [],
    };
    if (!clinical) return chart;
    const may = <K extends Parameters<AccessService['can']>[1]>(kind: K, action: string) =>
      (this.access.can(actor, kind, file.facts) as string[]).includes(action);

    if (may('intake', 'read')) chart.clinical = await this.clinicalRecords.read(manager, clientId);
    if (may('client', 'read_progress')) {
      const progress = await this.progress.compute(actor, client, {});
      // The export is this client's record: the partner's check-ins belong to their own file.
      progress.checkIns = progress.checkIns.filter((series) => !series.partner);
      if (audience === 'client') {
        progress.risk = { ...progress.risk, open: [], flags: [] };
      }
      chart.progress = progress;
    }
    // A client never sees session notes in Cairn, and their own copy is no exception; the clinic
    // answers a request for notes under its own records policy, outside the portal.
    if (audience === 'staff' && may('progress_note', 'download')) {
      chart.notes = await this.noteReads.openSignedProgressNotes(actor, file, manager);
    }
    if (may('report', 'download')) {
      const finals = await manager.find(ProgressReport, {
        where: { clientId, status: 'final' },
        relations: { author: true },
        order: { periodTo: 'ASC' },
      });
      chart.reports = finals.map((report): ChartReport => ({
        periodFrom: report.periodFrom,
        periodTo: report.periodTo,
        finalizedAt: report.finalizedAt,
        authorName: report.author?.displayName ?? '',
        narrative: this.reportVault.openNarrative(report),
      }));
    }
    return chart;
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

/** One row per signed note (its text is in chart.pdf): when, how long, what service, addenda. */
function notesCsv(notes: OpenedNote[]): string {
  return csv([
    ['session_at', 'duration_minutes', 'service', 'cpt_code', 'signed_at', 'author', 'addenda'],
    ...notes.map(({ note, addenda }) => [
      note.sessionAt.toISOString(),
      note.durationMinutes,
      SERVICE_TYPE_LABELS[note.serviceType],
      note.cptCode,
      note.signedAt?.toISOString() ?? null,
      note.author?.displayName ?? null,
      addenda.length,
    ]),
  ]);
}

function homeworkCsv(progress: ClientProgress): string {
  return csv([
    ['exercise', 'frequency', 'done', 'expected'],
    ...progress.homework.assignments.map((item) => [
      item.title,
      item.frequency,
      item.done,
      item.expected,
    ]),
  ]);
}

function readme(clinical: boolean): string {
  return [
    'Record export',
    '',
    'chart.pdf             The record to read: demographics' +
      (clinical
        ? ', intake, timeline, phases, scores with charts, signed notes with addenda, final reports and homework.'
        : '.'),
    'fhir/everything.json  The record as a FHIR R4 Bundle (type collection).',
    'appointments.csv      Appointments: start and end (UTC), kind, status, location.',
    ...(clinical
      ? [
          'scores.csv            Completed questionnaire scores, oldest first, with reliable change.',
          'notes.csv             Signed session notes: date, length, service, signature, addenda.',
          'homework.csv          Homework exercises: how often, done and expected.',
        ]
      : ['Clinical content is not included in this copy.']),
    '',
    'Psychotherapy notes are never part of an export.',
    '',
  ].join('\r\n');
}
