import { Injectable } from '@nestjs/common';
import {
  CLIENT_IMPORT_MAX_PROBLEMS,
  CLIENT_IMPORT_PRESET_MAPPINGS,
  type ClientImportPreview,
  type ClientImportResult,
} from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Db } from '../database/db.service';
import { FieldValidationException } from '../http/api-exception.filter';
import { readImportFile } from './client-import-file';
import { checkRows, type ImportContext, type ImportRow } from './client-import-rows';
import type { ClientImportDto } from './dto/client-import.dto';

/** Rows per INSERT: 10 columns each stays far below PostgreSQL's 65,535 parameters. */
const CHUNK = 2000;
const COLUMNS = [
  'clinic_id',
  'legal_name',
  'preferred_name',
  'pronouns',
  'date_of_birth',
  'email',
  'phone',
  'status',
  'primary_therapist_id',
  'referral_source',
  'intake_date',
] as const;

/**
 * Client files in from another system's CSV. The preview names every problem by row and column;
 * the import stores every row or none: a file with any problem is refused whole, so the clinic
 * fixes the file and imports it again rather than hunting for which rows went in.
 */
@Injectable()
export class ClientImportService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async preview(actor: AuthenticatedUser, dto: ClientImportDto): Promise<ClientImportPreview> {
    await this.access.authorize(actor, 'client', { clinicId: actor.clinicId }, 'create', 'new');
    const file = readImportFile(dto);
    const checked = checkRows(file, await this.context(this.db.manager, actor.clinicId));
    return {
      rows: file.rows.length,
      validRows: checked.valid.length,
      rowsWithProblems: checked.rowsWithProblems,
      mapping: file.mapping,
      problems: checked.problems.slice(0, CLIENT_IMPORT_MAX_PROBLEMS),
      problemCount: checked.problems.length,
    };
  }

  async import(actor: AuthenticatedUser, dto: ClientImportDto): Promise<ClientImportResult> {
    await this.access.authorize(actor, 'client', { clinicId: actor.clinicId }, 'create', 'new');
    const file = readImportFile(dto);
    return this.db.transaction(async (manager) => {
      // Duplicates are checked in the transaction that inserts; a per-clinic lock keeps two
      // imports of the same file at once from both passing the check.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('client-import:' || $1))`, [
        actor.clinicId,
      ]);
      const checked = checkRows(file, await this.context(manager, actor.clinicId));
      if (checked.problems.length) {
        throw new FieldValidationException(
          checked.problems.slice(0, CLIENT_IMPORT_MAX_PROBLEMS).map((problem) => ({
            field: `row ${problem.row}, ${problem.column}`,
            problems: [problem.problem],
          })),
        );
      }
      await insertRows(manager, actor.clinicId, checked.valid);
      await this.audit.record(
        {
          action: 'client.imported',
          entityType: 'clinic',
          entityId: actor.clinicId,
          detail: {
            imported: checked.valid.length,
            rows: file.rows.length,
            preset: dto.preset ?? null,
          },
        },
        manager,
      );
      return { imported: checked.valid.length };
    });
  }

  /** A template with Cairn's own headers and one example row. */
  template(): string {
    const headers = Object.values(CLIENT_IMPORT_PRESET_MAPPINGS.cairn);
    const example = [
      'Jordan Avery Lee',
      'Jordan',
      'they/them',
      '1986-03-14',
      'jordan.lee@example.com',
      '+1 312 555 0100',
      'active',
      'therapist@yourclinic.example',
      'Website',
      '2026-01-15',
    ];
    return `${headers.join(',')}\r\n${example.join(',')}\r\n`;
  }

  private async context(manager: EntityManager, clinicId: string): Promise<ImportContext> {
    const therapists = await manager.query<{ id: string; email: string; name: string }[]>(
      `SELECT id, lower(email) AS email, lower(display_name) AS name FROM users
        WHERE clinic_id = $1 AND role = 'therapist' AND is_active`,
      [clinicId],
    );
    const therapistsByName = new Map<string, string | null>();
    for (const t of therapists)
      therapistsByName.set(t.name, therapistsByName.has(t.name) ? null : t.id);
    const existing = await manager.query<{ name_birth: string | null; email: string | null }[]>(
      `SELECT CASE WHEN date_of_birth IS NOT NULL
                   THEN lower(legal_name) || '|' || to_char(date_of_birth, 'YYYY-MM-DD') END AS name_birth,
              lower(email) AS email
         FROM clients WHERE clinic_id = $1`,
      [clinicId],
    );
    return {
      therapistsByEmail: new Map(therapists.map((t) => [t.email, t.id])),
      therapistsByName,
      existingNameBirth: new Set(
        existing.flatMap((row) => (row.name_birth ? [row.name_birth] : [])),
      ),
      existingEmails: new Set(existing.flatMap((row) => (row.email ? [row.email] : []))),
    };
  }
}

/** One multi-row INSERT per chunk: 10,000 rows are five statements, not 10,000. */
async function insertRows(
  manager: EntityManager,
  clinicId: string,
  rows: ImportRow[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const values = [
        clinicId,
        row.legalName,
        row.preferredName,
        row.pronouns,
        row.dateOfBirth,
        row.email,
        row.phone,
        row.status,
        row.primaryTherapistId,
        row.referralSource,
        row.intakeDate,
      ];
      const placeholders = values.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(
      `INSERT INTO clients (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}
