import { Param, ParseUUIDPipe } from '@nestjs/common';
import { FieldValidationException } from './api-exception.filter';

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export function UuidParam(name: string) {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new FieldValidationException([{ field: name, problems: [`${name} must be a UUID`] }]),
    }),
  );
}
