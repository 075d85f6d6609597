/** Whether an error is PostgreSQL refusing a row by an exclusion constraint (or a named one). */
export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  return hasCode(error, '23P01', constraint);
}

/** Whether an error is PostgreSQL refusing a unique constraint (or a named one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return hasCode(error, '23505', constraint);
}

function hasCode(error: unknown, sqlState: string, constraint: string | undefined): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  return code === sqlState && (constraint === undefined || violated === constraint);
}
