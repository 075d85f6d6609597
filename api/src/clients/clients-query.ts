import type { ClientSort, ClientStatus } from '@cairn/contracts';

/**
 * The client list as one parameterised SQL statement. The ORDER BY comes from this allow-list,
 * never from the request; the name expressions match the indexes of the ClientFiles migration,
 * so a page is read off an index however large the clinic.
 */
const SORT_NAME = `lower(coalesce(c.preferred_name, c.legal_name)) COLLATE "und-x-icu"`;
const SEARCH_TEXT = `(c.legal_name || ' ' || coalesce(c.preferred_name, ''))`;

export const ORDER_BY: Record<ClientSort, string> = {
  name: `${SORT_NAME} ASC, c.id ASC`,
  '-name': `${SORT_NAME} DESC, c.id DESC`,
  status: `c.status ASC, ${SORT_NAME} ASC, c.id ASC`,
  '-status': `c.status DESC, ${SORT_NAME} ASC, c.id ASC`,
  intakeDate: `c.intake_date ASC NULLS LAST, c.id ASC`,
  '-intakeDate': `c.intake_date DESC NULLS LAST, c.id DESC`,
  updatedAt: `c.updated_at ASC, c.id ASC`,
  '-updatedAt': `c.updated_at DESC, c.id DESC`,
};

/** Files that need a therapist: not discharged, and nobody (or a deactivated account) assigned. */
export const NEEDS_REASSIGNMENT = `(c.status <> 'discharged' AND (c.primary_therapist_id IS NULL OR NOT t.is_active))`;

export interface ClientListFilter {
  clinicId: string;
  therapistId?: string;
  status?: ClientStatus;
  q?: string;
  needsReassignment?: boolean;
  sort: ClientSort;
  page: number;
  pageSize: number;
}

export interface ClientRow {
  id: string;
  legal_name: string;
  preferred_name: string | null;
  pronouns: string | null;
  date_of_birth: string | null;
  email: string | null;
  phone: string | null;
  status: ClientStatus;
  intake_date: string | null;
  updated_at: Date;
  primary_therapist_id: string | null;
  therapist_name: string | null;
  therapist_active: boolean | null;
  portal_user_id: string | null;
  portal_active: boolean | null;
  needs_reassignment: boolean;
}

/** `%`, `_` and `\` typed into the search box are searched for literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * Up to this many files an unfiltered list counts exactly; past it, page 1 gives the planner's
 * estimate instead (the statistics of the ClientListEstimates migration), so the first page of a
 * clinic of 100,000 costs what it costs with 1,000. We chose an estimate over keyset paging: the
 * list keeps its page numbers and sort choices, deep links to page N still work, and a search or
 * filter (where the number matters) is still counted exactly.
 */
export const EXACT_TOTAL_UP_TO = 1000;

export interface ClientListQueries {
  page: [string, unknown[]];
  /** The exact total. */
  count: [string, unknown[]];
  /** The total, counted no further than EXACT_TOTAL_UP_TO + 1. */
  boundedCount: [string, unknown[]];
  /** The planner's plan for an unfiltered list (clinic or caseload): its row estimate is "about N". */
  estimate: [string, unknown[]];
}

export function buildClientListQuery(filter: ClientListFilter): ClientListQueries {
  const params: unknown[] = [filter.clinicId];
  const where = ['c.clinic_id = $1'];
  if (filter.therapistId) {
    params.push(filter.therapistId);
    where.push(`c.primary_therapist_id = $${params.length}`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`c.status = $${params.length}`);
  }
  if (filter.q) {
    params.push(likePattern(filter.q));
    where.push(`${SEARCH_TEXT} ILIKE $${params.length} ESCAPE '\\'`);
  }
  if (filter.needsReassignment !== undefined) {
    where.push(filter.needsReassignment ? NEEDS_REASSIGNMENT : `NOT ${NEEDS_REASSIGNMENT}`);
  }
  const from = `FROM clients c LEFT JOIN users t ON t.id = c.primary_therapist_id WHERE ${where.join(' AND ')}`;
  const pageParams = [...params, filter.pageSize, (filter.page - 1) * filter.pageSize];
  return {
    page: [
      `SELECT c.id, c.legal_name, c.preferred_name, c.pronouns, c.date_of_birth::text AS date_of_birth, c.email,
              c.phone, c.status, c.intake_date::text AS intake_date, c.updated_at, c.primary_therapist_id,
              t.display_name AS therapist_name, t.is_active AS therapist_active, c.portal_user_id,
              (SELECT p.password_hash IS NOT NULL FROM users p WHERE p.id = c.portal_user_id) AS portal_active,
              ${NEEDS_REASSIGNMENT} AS needs_reassignment
       ${from}
       ORDER BY ${ORDER_BY[filter.sort]}
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      pageParams,
    ],
    count: [`SELECT count(*)::int AS total ${from}`, params],
    boundedCount: [
      `SELECT count(*)::int AS total FROM (SELECT 1 ${from} LIMIT ${EXACT_TOTAL_UP_TO + 1}) capped`,
      params,
    ],
    // Only ever used unfiltered (the clinic, or a caseload): the ClientListEstimates statistics
    // tell the planner a therapist's files all lie in one clinic, so the two clauses are not
    // taken as independent.
    estimate: [
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM clients c WHERE ${where.join(' AND ')}`,
      params,
    ],
  };
}
