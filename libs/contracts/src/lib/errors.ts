/** The body of every error the API returns. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Per-field problems for a 400 on invalid input. */
  fields?: FieldProblem[];
  requestId?: string;
  /** On a 409 for a stale version: the record as it is now, so the editor can show it. */
  current?: unknown;
}

export interface FieldProblem {
  field: string;
  problems: string[];
}
