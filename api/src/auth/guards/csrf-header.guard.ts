import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@cairn/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * For the routes authenticated by the refresh cookie. Besides SameSite=Strict, the request must
 * carry a custom header, which a cross-site form cannot send and CORS will not allow.
 */
@Injectable()
export class CsrfHeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.headers[CSRF_HEADER.toLowerCase()] !== CSRF_HEADER_VALUE) {
      throw new ForbiddenException(`This request must carry the ${CSRF_HEADER} header.`);
    }
    return true;
  }
}
