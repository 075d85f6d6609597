import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  SetMetadata,
} from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { isMediaType } from './media-type';

const ACCEPTS_BODY = 'cairn:accepts-body';

/**
 * Lets one route take a request body that is not JSON, e.g. a file upload
 * (`@AcceptsBody('multipart/form-data')`) or an RFC 8058 one-click unsubscribe
 * (`@AcceptsBody('application/x-www-form-urlencoded', 'multipart/form-data')`). The route must
 * then check that body itself: the input screen only reads JSON.
 */
export const AcceptsBody = (...mediaTypes: string[]) => SetMetadata(ACCEPTS_BODY, mediaTypes);

/**
 * Global: a request body must be JSON unless its route declared otherwise. Without it a form post
 * would be parsed too, and a cross-site HTML form (which cannot send JSON) could write.
 */
export class BodyTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!hasBody(request)) return true;
    const declared =
      this.reflector.getAllAndOverride<string[] | undefined>(ACCEPTS_BODY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    if (isMediaType(request.headers['content-type'], ['application/json', ...declared]))
      return true;
    throw new HttpException(
      declared.length
        ? `The request body must be sent as application/json or ${declared.join(', ')}.`
        : 'The request body must be sent as application/json.',
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
}

function hasBody(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return request.headers['transfer-encoding'] !== undefined || length > 0;
}
