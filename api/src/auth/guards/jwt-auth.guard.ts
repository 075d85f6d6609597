import { type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AuditActions } from '@cairn/contracts';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';
import { currentRequest } from '../../http/request-context';
import type { AuthenticatedUser } from '../authenticated-user';
import { IS_PUBLIC } from '../decorators/public.decorator';

type RequestWithTokenProblem = FastifyRequest & { tokenProblem?: unknown };

/** Global: every route needs a valid access token unless marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      await this.auditForgery(
        context.switchToHttp().getRequest<RequestWithTokenProblem>().tokenProblem,
      );
      throw error;
    }
  }

  override handleRequest<TUser = AuthenticatedUser>(
    error: unknown,
    user: TUser | false,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    // An error here is the session lookup failing (the database away), not a bad token: it must
    // reach the error filter as itself (a 503), never as a 401 that would sign the user out.
    // Node's own errors may come from another realm (jest's sandbox), so instanceof is not enough.
    if (error)
      throw error instanceof Error
        ? error
        : new Error('The session could not be checked.', { cause: error });
    if (!user) {
      context.switchToHttp().getRequest<RequestWithTokenProblem>().tokenProblem = info;
      throw new UnauthorizedException(describeTokenProblem(info));
    }
    const requestContext = currentRequest();
    if (requestContext) requestContext.user = user as unknown as AuthenticatedUser;
    return user;
  }

  /** A token with a bad signature or algorithm is an attack signal; an expired one is routine. */
  private async auditForgery(problem: unknown): Promise<void> {
    if (problem instanceof Error && problem.name === 'JsonWebTokenError') {
      await this.audit.record({
        action: AuditActions.tokenRejected,
        outcome: 'denied',
        actor: null,
        detail: { reason: problem.message },
      });
    }
  }
}

function describeTokenProblem(info: unknown): string {
  if (info instanceof Error && info.name === 'TokenExpiredError')
    return 'Your access token has expired.';
  if (info instanceof Error && info.message === 'No auth token') return 'Please sign in.';
  return 'The access token is not valid.';
}
