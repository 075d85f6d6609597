import {
  ATTACHMENT_STYLE_LABELS,
  BETRAYAL_KIND_LABELS,
  CLIENT_STATUS_LABELS,
  DISCLOSURE_STATUS_LABELS,
  RELATIONSHIP_STATUS_LABELS,
  SERVICE_TYPE_LABELS,
  TREATMENT_PHASE_LABELS,
  describeNoteValue,
  noteTemplate,
  type ClientClinical,
  type ClientHistory,
  type ClientProgress,
  type ProgressReportNarrative,
  type RecordExportAudience,
} from '@cairn/contracts';
import type { Client } from '../clients/entities/client.entity';
import { formatInZone } from '../notes/note-pdf';
import type { OpenedNote } from '../notes/note-views';
import { CairnPdf, type PdfLetterhead } from '../pdf/pdf-document';
import {
  CHART_BLOCK,
  REPORT_FOOTER,
  formatDay,
  homeworkSection,
  measureSection,
  table,
  timelineLabel,
} from '../reports/report-pdf';

/** A final report as the chart prints it: its period, who finalized it, and its narrative. */
export interface ChartReport {
  periodFrom: string;
  periodTo: string;
  finalizedAt: Date | null;
  authorName: string;
  narrative: ProgressReportNarrative;
}

/** Everything the chart shows; the clinical parts are null for a copy without clinical content. */
export interface ChartContent {
  client: Client;
  therapistName: string | null;
  clinical: ClientClinical | null;
  progress: ClientProgress | null;
  /** Signed progress notes only, with their addenda: psychotherapy notes are never read. */
  notes: OpenedNote[];
  reports: ChartReport[];
}

export interface ChartPdfContext extends PdfLetterhead {
  timeZone: string;
  audience: RecordExportAudience;
  generatedAt: Date;
}

/**
 * The client's chart as one human-readable PDF: demographics, intake, timeline, phases of care,
 * scores with their charts (drawn as the progress report draws them), signed notes with
 * addenda, final reports and homework. The client's own copy leaves out the risk section.
 */
export async function renderChartPdf(
  chart: ChartContent,
  context: ChartPdfContext,
): Promise<Buffer> {
  const pdf = new CairnPdf({
    title: 'Client record',
    clinicName: context.clinicName,
    address: context.address,
    phone: context.phone,
    paperSize: context.paperSize,
    footer: REPORT_FOOTER,
  });
  const { client } = chart;
  const when = (date: Date) => formatInZone(date, context.timeZone);

  pdf.heading('Demographics', 1);
  pdf.facts([
    ['Legal name', client.legalName],
    ['Preferred name', client.preferredName ?? '—'],
    ['Pronouns', client.pronouns ?? '—'],
    ['Date of birth', client.dateOfBirth ?? 'Not recorded'],
    ['Email', client.email ?? '—'],
    ['Phone', client.phone ?? '—'],
    [
      'Emergency contact',
      client.emergencyContactName
        ? [
            client.emergencyContactName,
            client.emergencyContactRelationship,
            client.emergencyContactPhone,
          ]
            .filter(Boolean)
            .join(', ')
        : '—',
    ],
    ['Referral source', client.referralSource ?? '—'],
    ['Status', CLIENT_STATUS_LABELS[client.status]],
    ['Intake date', client.intakeDate ? formatDay(client.intakeDate) : '—'],
    ['Therapist', chart.therapistName ?? 'Not assigned'],
  ]);

  if (!chart.clinical) {
    pdf.rule();
    pdf.paragraph('This copy holds no clinical content.');
    pdf.muted(`Printed ${when(context.generatedAt)} from ${context.clinicName}'s records.`);
    return pdf.finish();
  }

  intakeSection(pdf, chart.clinical);

  pdf.heading('Timeline', 1);
  if (chart.clinical.timeline.length === 0) pdf.paragraph('No events recorded.');
  else {
    table(
      pdf,
      ['Date', 'Event', 'Note'],
      chart.clinical.timeline.map((event) => [
        formatDay(event.occurredOn),
        timelineLabel(event),
        event.note ?? '',
      ]),
    );
  }

  pdf.heading('Phases of care', 1);
  if (chart.clinical.phaseHistory.length === 0) pdf.paragraph('No phase recorded.');
  else {
    table(
      pdf,
      ['Since', 'Phase', 'Recorded by'],
      [...chart.clinical.phaseHistory]
        .reverse()
        .map((phase) => [
          formatDay(phase.startedOn),
          TREATMENT_PHASE_LABELS[phase.phase],
          phase.recordedBy,
        ]),
    );
  }

  if (chart.progress) {
    const progress = chart.progress;
    const markers = progress.timeline.map((event) => ({
      at: event.occurredOn,
      label: timelineLabel(event),
    }));
    // The section's heading goes over with its first chart rather than end a page.
    if (progress.measures.length > 0) pdf.ensureSpace(pdf.headingHeight(1) + CHART_BLOCK);
    pdf.heading('Scores', 1);
    if (progress.measures.length === 0) pdf.paragraph('No questionnaires were completed.');
    for (const series of progress.measures) {
      measureSection(pdf, series, progress, markers, context.timeZone);
    }
    homeworkSection(pdf, progress.homework);
    if (context.audience === 'staff' && progress.risk.flags.length > 0) {
      pdf.heading('Safety', 1);
      for (const flag of progress.risk.flags) {
        pdf.muted(
          `${formatInZone(new Date(flag.raisedAt), context.timeZone)}: ${flag.message}${flag.acknowledgedAt ? ' (acknowledged)' : ' (open)'}`,
        );
      }
    }
  }

  pdf.heading('Session notes', 1);
  if (chart.notes.length === 0) pdf.paragraph('No signed session notes.');
  for (const opened of chart.notes) noteSection(pdf, opened, when);

  pdf.heading('Final reports', 1);
  if (chart.reports.length === 0) pdf.paragraph('No final reports.');
  for (const report of chart.reports) {
    pdf.heading(`${formatDay(report.periodFrom)} to ${formatDay(report.periodTo)}`, 2);
    pdf.muted(
      `Finalized by ${report.authorName}${report.finalizedAt ? ` on ${when(report.finalizedAt)}` : ''}.`,
    );
    for (const [heading, text] of [
      ['Summary', report.narrative.summary],
      ['Goals and progress', report.narrative.goalsAndProgress],
      ['Plan', report.narrative.plan],
      ['Recommendations', report.narrative.recommendations],
    ] as const) {
      pdf.heading(heading, 3);
      pdf.paragraph(text.trim() || 'Not written.');
    }
  }

  pdf.rule();
  pdf.muted(`Printed ${when(context.generatedAt)} from ${context.clinicName}'s records.`);
  pdf.muted('Psychotherapy notes are not part of this record.');
  return pdf.finish();
}

function intakeSection(pdf: CairnPdf, clinical: ClientClinical): void {
  const { intake } = clinical;
  pdf.heading('Intake', 1);
  pdf.facts([
    [
      'Relationship',
      intake.relationshipStatus ? RELATIONSHIP_STATUS_LABELS[intake.relationshipStatus] : '—',
    ],
    [
      'Disclosure',
      intake.disclosureStatus ? DISCLOSURE_STATUS_LABELS[intake.disclosureStatus] : '—',
    ],
  ]);
  pdf.heading('Presenting concerns', 3);
  pdf.paragraph(intake.presentingConcerns?.trim() || 'Not recorded.');
  const rows = historyRows(intake.history);
  if (rows.length > 0) {
    pdf.heading('History', 2);
    pdf.facts(rows);
  }
}

function historyRows(history: ClientHistory): [string, string][] {
  const rows: [string, string][] = [];
  const item = (label: string, present: boolean | null, note: string | null) => {
    if (present === null && !note) return;
    rows.push([
      label,
      [present === null ? null : present ? 'Yes' : 'No', note].filter(Boolean).join('. '),
    ]);
  };
  const betrayal = history.foundationalBetrayal;
  if (betrayal.kinds.length > 0 || betrayal.note) {
    rows.push([
      'Foundational betrayal',
      [betrayal.kinds.map((kind) => BETRAYAL_KIND_LABELS[kind]).join(', '), betrayal.note]
        .filter(Boolean)
        .join('. '),
    ]);
  }
  item(
    'Childhood emotional neglect',
    history.childhoodEmotionalNeglect.present,
    history.childhoodEmotionalNeglect.note,
  );
  item(
    'Chaos or addiction at home',
    history.chaosOrAddictionAtHome.present,
    history.chaosOrAddictionAtHome.note,
  );
  item('Parentification', history.parentification.present, history.parentification.note);
  const attachment = history.attachmentStyle;
  if (attachment.style || attachment.note) {
    rows.push([
      'Attachment style',
      [attachment.style ? ATTACHMENT_STYLE_LABELS[attachment.style] : null, attachment.note]
        .filter(Boolean)
        .join('. '),
    ]);
  }
  item(
    'Prior therapy',
    history.priorTherapy.present,
    [history.priorTherapy.modalities, history.priorTherapy.note].filter(Boolean).join('. ') || null,
  );
  return rows;
}

function noteSection(pdf: CairnPdf, opened: OpenedNote, when: (date: Date) => string): void {
  const { note, content } = opened;
  const template = noteTemplate(note.templateCode);
  pdf.heading(`${when(note.sessionAt)} · ${note.durationMinutes} minutes`, 2);
  pdf.muted(
    `${SERVICE_TYPE_LABELS[note.serviceType]} · ${template?.name ?? note.templateCode} · signed by ${note.author?.displayName ?? 'the author'}${note.signedAt ? ` on ${when(note.signedAt)}` : ''}`,
  );
  for (const section of template?.sections ?? []) {
    for (const field of section.fields) {
      const value = content[field.key];
      if (value === undefined) continue;
      pdf.heading(field.label, 3);
      pdf.paragraph(describeNoteValue(field, value));
    }
  }
  for (const addendum of opened.addenda) {
    pdf.heading(
      `Addendum, ${when(new Date(addendum.createdAt))} · ${addendum.author.displayName}`,
      3,
    );
    pdf.paragraph(addendum.text);
  }
}
