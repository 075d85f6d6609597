import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { INSTRUMENTS, fhirId, questionnaireUrl, toFhirQuestionnaire } from '@cairn/instruments';
import type {
  Bundle,
  BundleEntry,
  FhirResource,
  Flag,
  Observation,
  Patient,
  Practitioner,
  Questionnaire,
} from 'fhir/r4';
import { In } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Assessment } from '../assessments/entities/assessment.entity';
import { RiskFlag } from '../assessments/entities/risk-flag.entity';
import { storedInstrument } from '../assessments/instrument-lookup';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { Client } from '../clients/entities/client.entity';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db.service';
import { User } from '../users/entities/user.entity';
import { ApiRoutes, apiUrl, type RecordExportAudience } from '@cairn/contracts';
import type { AccessFacts } from '../access/relations';
import { SessionNote } from '../notes/entities/session-note.entity';
import { ProgressReport } from '../reports/entities/progress-report.entity';
import {
  type SignedDocument,
  toDocumentReference,
  practitionerIds,
  toFlag,
  toObservations,
  toPatient,
  toPractitioner,
  toQuestionnaireResponse,
} from './fhir-resources';

/**
 * Cairn's record as FHIR R4, read through the access layer like every other route: the client
 * file decides (404 for a file the caller may not know of, 403 for a part of it they may not
 * read), and every read is audited. What is served is built from the stored rows by pure
 * functions; nothing here writes but the audit trail. Psychotherapy notes are never read here.
 */
@Injectable()
export class FhirService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get base(): string {
    return this.config.publicUrl;
  }

  /** Demographics: staff who may open the file, or the client reading their own. */
  async patient(actor: AuthenticatedUser, id: string): Promise<Patient> {
    const { record } = await this.access.load(
      actor,
      'client',
      id,
      actor.role === 'client' ? 'view_profile' : 'view',
    );
    await this.audit.record({ action: 'fhir.patient_read', entityType: 'client', entityId: id });
    return toPatient(record, this.base);
  }

  /** A staff member as a Practitioner (name only): their own for a therapist, any for an admin. */
  async practitioner(actor: AuthenticatedUser, id: string): Promise<Practitioner> {
    const { record } = await this.access.load(actor, 'staffAccount', id, 'view');
    await this.audit.record({ action: 'fhir.practitioner_read', entityType: 'user', entityId: id });
    return toPractitioner(record);
  }

  /** Every completed score of the client, for the treating therapist (who may export them). */
  async observations(actor: AuthenticatedUser, clientId: string): Promise<Bundle<Observation>> {
    await this.access.inFile(actor, clientId, 'assessment', 'export');
    const observations = toObservations(await this.assessmentsOf(clientId), this.base);
    await this.searched(clientId, 'Observation', observations.length);
    return this.searchset(observations);
  }

  async flags(actor: AuthenticatedUser, clientId: string): Promise<Bundle<Flag>> {
    await this.access.inFile(actor, clientId, 'risk_flag', 'read');
    const flags = await this.flagsOf(clientId, await this.assessmentsOf(clientId));
    await this.searched(clientId, 'Flag', flags.length);
    return this.searchset(flags);
  }

  /**
   * The whole record the caller may read, as one `collection` Bundle whose every reference
   * resolves inside it: the Patient, the therapists named as authors, the Questionnaires, each
   * administration's response, its score and the risk flags. An admin gets the Patient alone.
   */
  async everything(actor: AuthenticatedUser, clientId: string): Promise<Bundle> {
    const { bundle, clinical } = await this.record(actor, clientId);
    await this.audit.record({
      action: 'fhir.record_exported',
      entityType: 'client',
      entityId: clientId,
      detail: { resources: bundle.entry?.length ?? 0, clinical },
    });
    return bundle;
  }

  /**
   * The record as `$everything` holds it, unaudited (the caller audits the export it makes), with
   * the stored administrations it was built from and whether the caller may read clinical content.
   */
  /**
   * The client's whole record as the caller may see it. `client` is the client's own copy,
   * built as the releasing therapist: it leaves out what a client never sees in Cairn (risk
   * flags, session notes) and links final reports as their release copy.
   */
  async record(
    actor: AuthenticatedUser,
    clientId: string,
    audience: RecordExportAudience = 'staff',
  ): Promise<{ bundle: Bundle; clinical: boolean; assessments: Assessment[] }> {
    const file = await this.access.load(actor, 'client', clientId, 'view');
    const client = file.record;
    const clinical = this.access.can(actor, 'assessment', file.facts).includes('export');
    const flagsAllowed =
      audience === 'staff' && this.access.can(actor, 'risk_flag', file.facts).includes('read');
    const assessments = clinical ? await this.assessmentsOf(clientId) : [];
    const flags = flagsAllowed ? await this.flagsOf(clientId, assessments) : [];
    const documents = await this.documentsOf(actor, file.facts, clientId, audience);
    const practitioners = await this.practitionersFor(client, [
      ...practitionerIds(assessments),
      ...documents.map((document) => document.authorId),
    ]);
    const entries: BundleEntry[] = [
      toPatient(client, this.base),
      ...practitioners,
      ...assessments.map((assessment) => toQuestionnaireResponse(assessment, this.base)),
      ...toObservations(assessments, this.base),
      ...flags,
      ...documents.map(toDocumentReference),
    ].map((resource) => ({
      fullUrl: `${this.base}/api/fhir/${resource.resourceType}/${resource.id}`,
      resource,
    }));
    entries.splice(1 + practitioners.length, 0, ...this.questionnairesFor(assessments));
    return {
      bundle: {
        resourceType: 'Bundle',
        type: 'collection',
        timestamp: new Date().toISOString(),
        entry: entries,
      },
      clinical,
      assessments,
    };
  }

  /** The current version of an instrument by its FHIR id (its canonical URL's last segment). */
  questionnaire(id: string): Questionnaire {
    const definition = INSTRUMENTS.find((candidate) => fhirId(candidate.code) === id);
    if (!definition) throw new NotFoundException('Questionnaire not found.');
    return toFhirQuestionnaire(definition, this.base);
  }

  private async assessmentsOf(clientId: string): Promise<Assessment[]> {
    return this.db.manager.find(Assessment, {
      where: { clientId },
      order: { createdAt: 'ASC' },
    });
  }

  /** Flags whose administration is in `assessments` (an admin reads no administration). */
  private async flagsOf(clientId: string, assessments: Assessment[]): Promise<Flag[]> {
    const rows = await this.db.manager.find(RiskFlag, {
      where: { clientId },
      order: { raisedAt: 'ASC' },
    });
    const byId = new Map(assessments.map((assessment) => [assessment.id, assessment]));
    return rows.flatMap((row) => {
      const assessment = byId.get(row.assessmentId);
      return assessment ? [toFlag(row, assessment, this.base)] : [];
    });
  }

  /**
   * Signed progress notes and final reports the caller may download, as links to their PDFs.
   * Only `kind = 'progress'` is read: psychotherapy notes are never selected, whoever asks.
   */
  private async documentsOf(
    actor: AuthenticatedUser,
    facts: AccessFacts,
    clientId: string,
    audience: RecordExportAudience,
  ): Promise<SignedDocument[]> {
    const documents: SignedDocument[] = [];
    if (
      audience === 'staff' &&
      this.access.can(actor, 'progress_note', facts).includes('download')
    ) {
      const notes = await this.db.manager.find(SessionNote, {
        select: { id: true, clientId: true, authorId: true, signedAt: true, sessionAt: true },
        where: { clientId, kind: 'progress', status: 'signed' },
        order: { sessionAt: 'ASC' },
      });
      for (const note of notes)
        documents.push({
          id: note.id,
          clientId: note.clientId,
          authorId: note.authorId,
          date: note.signedAt ?? note.sessionAt,
          title: 'Progress note',
          url: `${this.base}${apiUrl(ApiRoutes.notes.pdf, { id: note.id })}`,
        });
    }
    const reportActions = this.access.can(actor, 'report', facts);
    if (reportActions.includes('download') || reportActions.includes('download_release')) {
      // The release copy unless the caller may see the file copy.
      const copy = audience === 'staff' && reportActions.includes('download') ? 'file' : 'release';
      const reports = await this.db.manager.find(ProgressReport, {
        select: { id: true, clientId: true, authorId: true, finalizedAt: true, updatedAt: true },
        where: { clientId, status: 'final' },
        order: { finalizedAt: 'ASC' },
      });
      for (const report of reports)
        documents.push({
          id: report.id,
          clientId: report.clientId,
          authorId: report.authorId,
          date: report.finalizedAt ?? report.updatedAt,
          title: 'Progress report',
          url: `${this.base}${apiUrl(ApiRoutes.reports.pdf, { id: report.id })}?copy=${copy}`,
        });
    }
    return documents;
  }

  private async practitionersFor(client: Client, authorIds: string[]) {
    const ids = [
      ...new Set([...(client.primaryTherapistId ? [client.primaryTherapistId] : []), ...authorIds]),
    ];
    if (ids.length === 0) return [];
    const users = await this.db.manager.find(User, {
      where: { id: In(ids), clinicId: client.clinicId },
      order: { id: 'ASC' },
    });
    return users.map(toPractitioner);
  }

  /**
   * Each version an administration was given in, once. Two versions of one instrument share an
   * id, so each entry's full URL is the version-specific one.
   */
  private questionnairesFor(assessments: Assessment[]): BundleEntry[] {
    const versions = new Map<string, BundleEntry>();
    for (const assessment of assessments) {
      const key = `${assessment.instrumentCode}|${assessment.instrumentVersion}`;
      if (versions.has(key)) continue;
      const definition = storedInstrument(assessment.instrumentCode, assessment.instrumentVersion);
      versions.set(key, {
        fullUrl: `${questionnaireUrl(definition, this.base)}/_history/${definition.version}`,
        resource: toFhirQuestionnaire(definition, this.base),
      });
    }
    return [...versions.values()];
  }

  private searchset<R extends FhirResource>(resources: R[]): Bundle<R> {
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: resources.length,
      entry: resources.map((resource) => ({
        fullUrl: `${this.base}/api/fhir/${resource.resourceType}/${resource.id}`,
        resource,
        search: { mode: 'match' },
      })),
    };
  }

  private async searched(clientId: string, resource: string, returned: number): Promise<void> {
    await this.audit.record({
      action: 'fhir.searched',
      entityType: 'client',
      entityId: clientId,
      detail: { resource, returned },
    });
  }
}
