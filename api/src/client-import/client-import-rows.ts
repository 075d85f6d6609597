import {
  CLIENT_STATUSES,
  type ClientImportField,
  type ClientImportProblem,
  type ClientStatus,
} from '@cairn/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateClientDto } from '../clients/dto/create-client.dto';
import { textProblem } from '../http/text-rules';
import type { ImportFile } from './client-import-file';

/** A row ready to become a client file: the same values `POST /clients` would store. */
export interface ImportRow {
  legalName: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string | null;
  email: string | null;
  phone: string | null;
  status: ClientStatus;
  primaryTherapistId: string | null;
  referralSource: string | null;
  intakeDate: string | null;
}

/** The clinic's facts a row is checked against. */
export interface ImportContext {
  /** Active therapists by lower-cased email and by lower-cased display name (null: ambiguous). */
  therapistsByEmail: Map<string, string>;
  therapistsByName: Map<string, string | null>;
  /** Existing files: lower-cased name + birth date, and lower-cased email. */
  existingNameBirth: Set<string>;
  existingEmails: Set<string>;
}

export interface CheckedRows {
  valid: ImportRow[];
  problems: ClientImportProblem[];
  rowsWithProblems: number;
}

// A spreadsheet runs a cell starting with = + - @ (or a tab / carriage return) as a formula.
// A phone number or a plain number with a sign is data, not a formula.
const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER_OR_PHONE = /^[+-][0-9 ().-]*$/;

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** YYYY-MM-DD as written, or a US export's M/D/YYYY turned into it; anything else unchanged. */
function isoDate(value: string): string {
  const us = US_DATE.exec(value);
  if (!us) return value;
  return `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
}

/** Case-insensitive Cairn status; another system's "Inactive" is a discharged file. */
function statusOf(value: string): string {
  const lower = value.toLowerCase();
  if (lower === 'inactive') return 'discharged';
  return lower;
}

/** The DTO field a validation error names, and the Cairn import field it came from. */
const DTO_TO_IMPORT: Record<string, ClientImportField> = {
  legalName: 'legalName',
  preferredName: 'preferredName',
  pronouns: 'pronouns',
  dateOfBirth: 'dateOfBirth',
  email: 'email',
  phone: 'phone',
  status: 'status',
  referralSource: 'referralSource',
  intakeDate: 'intakeDate',
};

/**
 * Checks every row with the same rules as creating one file by hand (CreateClientDto), plus what
 * only an import can get wrong: unknown therapists, duplicates of existing files or of an
 * earlier row, and cells a spreadsheet would run as formulas.
 */
export function checkRows(file: ImportFile, context: ImportContext): CheckedRows {
  const problems: ClientImportProblem[] = [];
  const valid: ImportRow[] = [];
  const seenNameBirth = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  let rowsWithProblems = 0;
  const headerOf = (field: ClientImportField): string => {
    // A name built from first and last name columns is named by both.
    if (field === 'legalName' && file.columns.legalName === undefined)
      return `${headerOf('firstName')} + ${headerOf('lastName')}`;
    const at = file.columns[field];
    return at === undefined ? field : file.headers[at];
  };

  file.rows.forEach((cells, index) => {
    const row = index + 2; // the header is row 1, as in a spreadsheet
    const own: ClientImportProblem[] = [];
    const add = (field: ClientImportField, problem: string) =>
      own.push({ row, column: headerOf(field), problem });
    const cell = (field: ClientImportField): string | undefined => {
      const at = file.columns[field];
      return at === undefined ? undefined : (cells[at] ?? '').trim();
    };

    for (const [field, at] of Object.entries(file.columns) as [ClientImportField, number][]) {
      const value = (cells[at] ?? '').trim();
      if (FORMULA_START.test(value) && !SIGNED_NUMBER_OR_PHONE.test(value))
        add(field, 'starts like a spreadsheet formula (= + - @); remove the leading character');
      const textIssue = textProblem(value);
      if (textIssue) add(field, textIssue);
    }
    if (own.length) {
      problems.push(...own);
      rowsWithProblems += 1;
      return;
    }

    const legalName =
      cell('legalName') ?? [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
    const blankToNull = (value: string | undefined) => (value ? value : null);
    const date = (value: string | undefined) => (value ? isoDate(value) : null);
    const plain = {
      legalName,
      preferredName: blankToNull(cell('preferredName')),
      pronouns: blankToNull(cell('pronouns')),
      dateOfBirth: date(cell('dateOfBirth')),
      email: blankToNull(cell('email')),
      phone: blankToNull(cell('phone')),
      status: cell('status') ? statusOf(cell('status') as string) : undefined,
      referralSource: blankToNull(cell('referralSource')),
      intakeDate: date(cell('intakeDate')),
    };
    const dto = plainToInstance(CreateClientDto, plain);
    for (const error of validateSync(dto, { whitelist: true })) {
      const field = DTO_TO_IMPORT[error.property] ?? 'legalName';
      for (const message of Object.values(error.constraints ?? {}))
        add(
          field,
          field === 'status' ? `status must be one of ${CLIENT_STATUSES.join(', ')}` : message,
        );
    }

    let primaryTherapistId: string | null = null;
    const therapist = cell('primaryTherapist');
    if (therapist) {
      const key = therapist.toLowerCase();
      const byEmail = context.therapistsByEmail.get(key);
      const byName = context.therapistsByName.get(key);
      if (byEmail) primaryTherapistId = byEmail;
      else if (byName) primaryTherapistId = byName;
      else if (byName === null)
        add('primaryTherapist', `"${therapist}" names more than one therapist; use their email`);
      else add('primaryTherapist', `"${therapist}" is not an active therapist of this clinic`);
    }

    if (own.length === 0) {
      const nameBirth = dto.dateOfBirth
        ? `${dto.legalName.toLowerCase()}|${dto.dateOfBirth}`
        : null;
      const email = dto.email ? dto.email.toLowerCase() : null;
      if (nameBirth && context.existingNameBirth.has(nameBirth))
        add('legalName', 'a client file with this name and date of birth already exists');
      if (email && context.existingEmails.has(email))
        add('email', 'a client file with this email already exists');
      const earlierName = nameBirth ? seenNameBirth.get(nameBirth) : undefined;
      if (earlierName)
        add('legalName', `same name and date of birth as row ${earlierName} of this file`);
      const earlierEmail = email ? seenEmail.get(email) : undefined;
      if (earlierEmail) add('email', `same email as row ${earlierEmail} of this file`);
      if (nameBirth && !earlierName) seenNameBirth.set(nameBirth, row);
      if (email && !earlierEmail) seenEmail.set(email, row);
    }

    if (own.length) {
      problems.push(...own);
      rowsWithProblems += 1;
      return;
    }
    valid.push({
      legalName: dto.legalName,
      preferredName: dto.preferredName ?? null,
      pronouns: dto.pronouns ?? null,
      dateOfBirth: dto.dateOfBirth ?? null,
      email: dto.email ?? null,
      phone: dto.phone ?? null,
      status: dto.status ?? 'prospect',
      primaryTherapistId,
      referralSource: dto.referralSource ?? null,
      intakeDate: dto.intakeDate ?? null,
    });
  });
  return { valid, problems, rowsWithProblems };
}
