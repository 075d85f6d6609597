import type { OperationOutcome } from 'fhir/r4';

/** The media type of every FHIR answer, errors included. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

const ISSUE_TYPES: Record<number, OperationOutcome['issue'][number]['code']> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  429: 'throttled',
};

/** An error as FHIR expects it under the FHIR base. */
export function operationOutcome(statusCode: number, message: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: statusCode >= 500 ? 'fatal' : 'error',
        code: ISSUE_TYPES[statusCode] ?? 'exception',
        diagnostics: message,
      },
    ],
  };
}
