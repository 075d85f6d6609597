/**
 * Bringing client files in from another system as a CSV: the Cairn fields a column can fill,
 * presets for known export formats, and what the preview and the import answer.
 */

/** Cairn fields a CSV column can be mapped to. A legal name, or a first and a last name, is required. */
export const CLIENT_IMPORT_FIELDS = [
  'legalName',
  'firstName',
  'lastName',
  'preferredName',
  'pronouns',
  'dateOfBirth',
  'email',
  'phone',
  'status',
  'primaryTherapist',
  'referralSource',
  'intakeDate',
] as const;
export type ClientImportField = (typeof CLIENT_IMPORT_FIELDS)[number];

/** Which CSV column (by its header, exactly as written) fills which Cairn field. */
export type ClientImportMapping = Partial<Record<ClientImportField, string>>;

export const CLIENT_IMPORT_PRESETS = ['cairn', 'simplepractice'] as const;
export type ClientImportPreset = (typeof CLIENT_IMPORT_PRESETS)[number];

/** The headers of each known export format; a preset column missing from a file is skipped. */
export const CLIENT_IMPORT_PRESET_MAPPINGS: Record<ClientImportPreset, ClientImportMapping> = {
  cairn: {
    legalName: 'Legal name',
    preferredName: 'Preferred name',
    pronouns: 'Pronouns',
    dateOfBirth: 'Date of birth',
    email: 'Email',
    phone: 'Phone',
    status: 'Status',
    primaryTherapist: 'Primary therapist',
    referralSource: 'Referral source',
    intakeDate: 'Intake date',
  },
  simplepractice: {
    firstName: 'First Name',
    lastName: 'Last Name',
    preferredName: 'Preferred Name',
    pronouns: 'Pronouns',
    dateOfBirth: 'Date of Birth',
    email: 'Email',
    phone: 'Phone',
    status: 'Status',
    primaryTherapist: 'Clinician',
    referralSource: 'Referral Source',
  },
};

/** The largest file accepted, in bytes, and the most rows. */
export const CLIENT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const CLIENT_IMPORT_MAX_ROWS = 50_000;

export interface ClientImportRequest {
  /** The CSV file's bytes, base64-encoded, so the server can check they are UTF-8. */
  fileBase64: string;
  /** A preset for a known export format; `mapping` entries override it. */
  preset?: ClientImportPreset;
  mapping?: ClientImportMapping;
}

/** One problem of one row: `row` counts as a spreadsheet does (the header is row 1). */
export interface ClientImportProblem {
  row: number;
  /** The CSV column's header, or the Cairn field when no column is involved. */
  column: string;
  problem: string;
}

export interface ClientImportPreview {
  /** Data rows in the file (the header not counted). */
  rows: number;
  /** Rows that would be imported. */
  validRows: number;
  rowsWithProblems: number;
  /** The mapping used: preset and overrides, limited to the file's columns. */
  mapping: ClientImportMapping;
  /** Every problem, up to `CLIENT_IMPORT_MAX_PROBLEMS`; `problemCount` counts them all. */
  problems: ClientImportProblem[];
  problemCount: number;
}
export const CLIENT_IMPORT_MAX_PROBLEMS = 2000;

export interface ClientImportResult {
  imported: number;
}
