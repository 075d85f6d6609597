/** The body of every error the API returns. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Per-field problems for a 400 on invalid input. */
  fields?: FieldProblem[];
  requestId?: string;
}

export interface FieldProblem {
  field: string;
  problems: string[];
}
