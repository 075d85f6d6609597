import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FieldValidationException } from './api-exception.filter';
import { isMediaType } from './media-type';
import { MAX_JSON_DEPTH, screenInput } from './input-screen';
import { textProblem } from './text-rules';
import { pathOf } from './url-path';

/**
 * Runs after the body is parsed (`preValidation`, after the request's scope is re-entered) and
 * before guards and handlers, so that nothing a controller, a pipe or
 * class-transformer sees can be nested without bound, reach a prototype, or carry characters
 * that PostgreSQL or a reader would choke on. Bodies of other types never reach a handler that
 * has not declared them (see AcceptsBody).
 */
export function installInputScreen(instance: FastifyInstance): void {
  instance.addHook('preValidation', (request, _reply, done) => {
    done(refusal(request) ?? undefined);
  });
}

function refusal(req: FastifyRequest): Error | null {
  const pathProblem = pathSegmentProblem(pathOf(req.url));
  if (pathProblem)
    return new FieldValidationException([{ field: 'path', problems: [pathProblem] }]);
  const query = screenInput(req.query);
  if (query.kind === 'field') return new FieldValidationException([query.problem]);
  if (query.kind === 'too-deep') return new BadRequestException('The query string is too deep.');
  if (
    isMediaType(req.headers['content-type'], ['application/json']) &&
    typeof req.body === 'object' &&
    req.body !== null
  ) {
    const body = screenInput(req.body);
    if (body.kind === 'field') return new FieldValidationException([body.problem]);
    if (body.kind === 'too-deep')
      return new BadRequestException(
        `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`,
      );
  }
  return null;
}

/** Route parameters are decoded by the router later; refuse what they would decode to now. */
function pathSegmentProblem(path: string): string | null {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'path has a malformed percent-encoding';
    }
    const problem = textProblem(decoded);
    if (problem) return `path ${problem}`;
  }
  return null;
}
