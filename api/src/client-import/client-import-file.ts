import { HttpException, HttpStatus } from '@nestjs/common';
import {
  CLIENT_IMPORT_FIELDS,
  CLIENT_IMPORT_MAX_BYTES,
  CLIENT_IMPORT_MAX_ROWS,
  CLIENT_IMPORT_PRESET_MAPPINGS,
  type ClientImportField,
  type ClientImportMapping,
  type ClientImportRequest,
} from '@cairn/contracts';
import { parse } from 'csv-parse/sync';
import { FieldValidationException } from '../http/api-exception.filter';

/** A CSV file read and checked as a whole: its header and its data rows as text cells. */
export interface ImportFile {
  headers: string[];
  rows: string[][];
  /** Which column index fills which field, after preset and overrides. */
  columns: Partial<Record<ClientImportField, number>>;
  mapping: ClientImportMapping;
}

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

const refuse = (field: string, problem: string) =>
  new FieldValidationException([{ field, problems: [problem] }]);

/**
 * Decodes, parses and maps a file, or refuses it whole (4xx, nothing stored) when it is not a
 * CSV Cairn can read: not UTF-8, too big, not CSV, or missing the columns a client file needs.
 */
export function readImportFile(request: ClientImportRequest): ImportFile {
  if (!BASE64.test(request.fileBase64))
    throw refuse('fileBase64', 'fileBase64 must be the file encoded as base64');
  const bytes = Buffer.from(request.fileBase64, 'base64');
  if (bytes.length > CLIENT_IMPORT_MAX_BYTES)
    throw new HttpException(
      `The file is larger than ${CLIENT_IMPORT_MAX_BYTES / 1024 / 1024} MB; split it into smaller files.`,
      HttpStatus.PAYLOAD_TOO_LARGE,
    );
  if (bytes.length === 0) throw refuse('fileBase64', 'the file is empty');
  const text = decodeUtf8(bytes);

  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
    });
  } catch (error) {
    // The parser names the line where the file stops being CSV (an unclosed quote, say).
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    throw refuse('fileBase64', `the file is not a readable CSV: ${reason}`);
  }
  const [headerRow, ...rows] = records;
  if (!headerRow || rows.length === 0)
    throw refuse('fileBase64', 'the file needs a header row and at least one client row');
  if (rows.length > CLIENT_IMPORT_MAX_ROWS)
    throw new HttpException(
      `The file has ${rows.length} rows; at most ${CLIENT_IMPORT_MAX_ROWS} can be imported at once.`,
      HttpStatus.PAYLOAD_TOO_LARGE,
    );
  const headers = headerRow.map((header) => header.trim());
  const { columns, mapping } = mapColumns(headers, request);
  return { headers, rows, columns, mapping };
}

/** The text of UTF-8 bytes; anything else (Windows-1252, UTF-16, binary) is refused by name. */
function decodeUtf8(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw refuse(
      'fileBase64',
      'the file is UTF-16 text; save it as "CSV UTF-8" and upload it again',
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse(
      'fileBase64',
      'the file is not UTF-8 text (perhaps Windows-1252 or Latin-1); save it as "CSV UTF-8" and upload it again',
    );
  }
}

function mapColumns(
  headers: string[],
  request: ClientImportRequest,
): Pick<ImportFile, 'columns' | 'mapping'> {
  const preset = request.preset ? CLIENT_IMPORT_PRESET_MAPPINGS[request.preset] : {};
  const explicit = request.mapping ?? {};
  const index = new Map(headers.map((header, i) => [header.toLowerCase(), i]));
  const columns: ImportFile['columns'] = {};
  const mapping: ClientImportMapping = {};
  const missing: string[] = [];
  for (const field of CLIENT_IMPORT_FIELDS) {
    const header = explicit[field] ?? preset[field];
    if (!header) continue;
    const at = index.get(header.trim().toLowerCase());
    if (at === undefined) {
      // A column the caller named must exist; a preset's optional column may be absent.
      if (explicit[field])
        missing.push(`column "${header}" (mapped to ${field}) is not in the file`);
      continue;
    }
    columns[field] = at;
    mapping[field] = headers[at];
  }
  const hasName =
    columns.legalName !== undefined ||
    (columns.firstName !== undefined && columns.lastName !== undefined);
  if (!hasName)
    missing.push(
      'a legal name column, or a first name and a last name column, is required; map them to legalName or firstName and lastName',
    );
  if (missing.length) throw new FieldValidationException([{ field: 'mapping', problems: missing }]);
  return { columns, mapping };
}
