import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditActions, type Role } from '@cairn/contracts';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';
import { currentRequest } from '../../http/request-context';
import type { AuthenticatedUser } from '../authenticated-user';
import { ROLES } from '../decorators/access.decorator';
import { IS_PUBLIC } from '../decorators/public.decorator';

/**
 * Global, after the JWT guard: a route must name the roles allowed (`@Access`) or be public.
 * A route with neither is refused outright, so forgetting the rule fails closed.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // The access layer names the route in its refusals; the pattern, never ids or search terms.
    const requestContext = currentRequest();
    if (requestContext) requestContext.route = `${request.method} ${routePattern(request)}`;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    const user = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: AuthenticatedUser }>().user;
    if (roles?.length && user && roles.includes(user.role)) return true;

    await this.audit.record({
      action: AuditActions.accessDenied,
      outcome: 'denied',
      detail: { method: request.method, route: routePattern(request) },
    });
    throw new ForbiddenException(
      roles?.length ? 'Your role cannot use this part of Cairn.' : 'This route has no access rule.',
    );
  }
}

/** The route pattern (`/api/clients/:id`), not the concrete path, so no id or search term is kept. */
function routePattern(request: FastifyRequest): string {
  const url: unknown = request.routeOptions.url;
  return typeof url === 'string' ? url : 'unknown';
}
