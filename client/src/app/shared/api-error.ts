import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody, FieldProblem } from '@cairn/contracts';

/** The message to show for a failed request: the server's own words for a 4xx, a plain one otherwise. */
export function errorMessage(
  error: unknown,
  fallback = 'Something went wrong. Please try again.',
): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return 'Cairn cannot be reached. Check your connection and try again.';
    const body = error.error as Partial<ApiErrorBody> | null;
    if (error.status < 500 && body?.fields?.length) {
      return body.fields.map((field) => field.problems.join('; ')).join(' ');
    }
    if (error.status < 500 && body?.message) return body.message;
  }
  return fallback;
}

/** Per-field problems of a 400, to show beside the inputs. */
export function fieldProblems(error: unknown): FieldProblem[] {
  if (error instanceof HttpErrorResponse && error.status === 400) {
    return (error.error as Partial<ApiErrorBody> | null)?.fields ?? [];
  }
  return [];
}
