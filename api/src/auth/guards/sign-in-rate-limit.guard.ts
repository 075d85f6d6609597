import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { RequestRateLimitService } from '../request-rate-limit.service';

export const RATE_LIMITED = 'Too many sign-in requests from this address. Please wait a minute.';

/**
 * The per-address limit on routes that check a secret someone types (sign-in, its second step,
 * invitation acceptance): `LOGIN_RATE_LIMIT_PER_MINUTE` requests per route and IP per minute,
 * counted in PostgreSQL so replicas share it. Over the limit answers 429.
 */
@Injectable()
export class SignInRateLimitGuard implements CanActivate {
  constructor(
    private readonly limits: RequestRateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    const bucket = `${route}:${request.ip ?? 'unknown'}`;
    if (await this.limits.hit(bucket, this.config.loginRateLimitPerMinute)) return true;
    throw new HttpException(RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS);
  }
}
