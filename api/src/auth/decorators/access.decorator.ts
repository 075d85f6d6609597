import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@cairn/contracts';

export const ROLES = 'cairn:roles';

/**
 * Declares which roles may call a route, and documents the bearer security in OpenAPI. Routes
 * with neither `@Access` nor `@Public` are refused by the roles guard and fail the route test.
 */
export function Access(...roles: [Role, ...Role[]]) {
  return applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the session has ended.' }),
    ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}.` }),
  );
}
