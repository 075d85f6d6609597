import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from '@cairn/contracts';
import { FieldValidationException } from './api-exception.filter';

/**
 * Validation for every request: unknown fields are refused (not silently dropped), values are
 * converted to the declared types, and the error names each bad field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new FieldValidationException(flatten(errors)),
  });
}

export function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldProblem[] = error.constraints
      ? [{ field, problems: Object.values(error.constraints) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
