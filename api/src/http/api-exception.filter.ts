import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { ApiErrorBody, FieldProblem } from '@cairn/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FHIR_JSON, operationOutcome } from '../fhir/operation-outcome';
import { Db } from '../database/db.service';
import { databaseOutage } from '../database/database-errors';
import { currentRequest } from './request-context';
import { pathOf } from './url-path';

/** Seconds a client should wait before retrying while the database is unreachable. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An HTTP error whose body names the fields that were wrong. */
export class FieldValidationException extends HttpException {
  constructor(readonly fields: FieldProblem[]) {
    super('The request has invalid fields.', HttpStatus.BAD_REQUEST);
  }
}

/**
 * A 409 for a write based on an outdated version: the body carries the record as it is now, so
 * an editor can show what changed instead of silently overwriting it.
 */
export class StaleVersionException extends HttpException {
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super(message, HttpStatus.CONFLICT);
  }
}

/**
 * Turns every error into `{ statusCode, error, message, requestId }`. Unknown errors become a
 * plain 500: their details go to the log (without query parameters or row values), never to
 * the caller.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly db: Db) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // A failed request's writes are undone (its denials are kept) before it is answered.
    void this.db
      .endRequest(false)
      .catch((error: unknown) => this.logger.error({ msg: 'rollback failed', ...describe(error) }))
      .finally(() => this.respond(exception, host));
  }

  private respond(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    body.requestId = currentRequest()?.requestId;
    const outage = body.statusCode === 500 ? databaseOutage(exception) : null;
    if (outage) {
      // Not the request's fault and not a bug: the database is away (restart, failover, network).
      Object.assign(body, {
        statusCode: 503,
        error: STATUS_TEXT[503],
        message: 'Cairn cannot reach its database right now. Please try again in a moment.',
      });
      this.logger.warn({ msg: 'database unreachable', reason: outage, requestId: body.requestId });
    } else if (body.statusCode >= 500 && body.statusCode !== 503) {
      this.logger.error({
        msg: 'unhandled error',
        requestId: body.requestId,
        ...describe(exception),
      });
    }
    if (!response.sent && isFhirRequest(host.switchToHttp().getRequest<FastifyRequest>())) {
      // Under the FHIR base an error is an OperationOutcome, as FHIR clients expect.
      response.header('Content-Type', FHIR_JSON);
      if (body.statusCode === 503)
        response.header('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
      const outcome = operationOutcome(body.statusCode, body.message);
      for (const field of body.fields ?? [])
        outcome.issue.push({
          severity: 'error',
          code: 'invalid',
          diagnostics: field.problems.join('; '),
          expression: [field.field],
        });
      response.status(body.statusCode).send(JSON.stringify(outcome));
    } else if (!response.sent) {
      // A route may have set its own type (a calendar feed, a PDF) before it failed.
      response.header('Content-Type', 'application/json; charset=utf-8');
      if (body.statusCode === 503)
        response.header('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
      response.status(body.statusCode).send(JSON.stringify(body));
    }
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof FieldValidationException) {
      const fieldNames = exception.fields.map((field) => field.field).join(', ');
      return {
        statusCode: 400,
        error: STATUS_TEXT[400] ?? 'Bad Request',
        message: `Invalid input: ${fieldNames}.`,
        fields: exception.fields,
      };
    }
    // Nest wraps what Fastify refused (a 4xx) in an HttpException and keeps it as its cause.
    const parserError = bodyParserError(
      exception instanceof HttpException ? exception.cause : exception,
    );
    if (parserError) return parserError;
    if (exception instanceof StaleVersionException) {
      return {
        statusCode: 409,
        error: STATUS_TEXT[409] ?? 'Conflict',
        message: messageOf(exception),
        current: exception.current,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      return {
        statusCode,
        error: STATUS_TEXT[statusCode] ?? 'Error',
        message: messageOf(exception),
      };
    }
    return {
      statusCode: 500,
      error: STATUS_TEXT[500] ?? 'Error',
      message: 'Something went wrong on our side.',
    };
  }
}

function isFhirRequest(request: FastifyRequest | undefined): boolean {
  const path = pathOf(request?.url ?? '');
  return path === '/api/fhir' || path.startsWith('/api/fhir/');
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * What Fastify refuses before a route runs (a body that is not JSON, too large, a bad URL)
 * carries a `FST_ERR_` code and a status; name the problem in our own words.
 */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; send JSON or no Content-Type.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH:
    'The request body is shorter or longer than its Content-Length.',
  FST_ERR_BAD_URL: 'The request path has a malformed percent-encoding.',
};

function bodyParserError(exception: unknown): ApiErrorBody | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { code, statusCode } = exception as { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_') || typeof statusCode !== 'number')
    return null;
  // A 5xx is the server's fault, not the request's: the plain 500 below answers it.
  if (statusCode < 400 || statusCode >= 500) return null;
  const message = FRAMEWORK_MESSAGES[code] ?? 'The request could not be read.';
  return { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message };
}

/** Error facts safe to log: the pg error code and constraint, never the failing values. */
function describe(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { error: String(exception) };
  const { code, constraint } = exception as { code?: unknown; constraint?: unknown };
  const isDatabaseError = typeof code === 'string';
  return {
    error: exception.name,
    message: isDatabaseError ? undefined : exception.message,
    code,
    constraint,
    stack: exception.stack?.split('\n').slice(1, 6).join('\n'),
  };
}
