import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { FieldValidationException } from '../../http/api-exception.filter';
import { flatten } from '../../http/validation.pipe';
import { LoginDto } from '../dto/login.dto';

/**
 * Runs the local (email and password) strategy. Guards run before pipes, so the body is
 * validated here first: a missing or malformed field answers 400 naming it, not a bare 401.
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const dto = plainToInstance(LoginDto, request.body ?? {});
    const errors = await validate(dto, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    });
    if (errors.length > 0) throw new FieldValidationException(flatten(errors));
    return (await super.canActivate(context)) as boolean;
  }
}
