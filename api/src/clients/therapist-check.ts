import type { EntityManager } from 'typeorm';
import { FieldValidationException } from '../http/api-exception.filter';
import { User } from '../users/entities/user.entity';

/** The therapist a file may be given to: a therapist of the same clinic whose account is active. */
export async function assignableTherapist(
  manager: EntityManager,
  clinicId: string,
  therapistId: string,
  field: string,
): Promise<User> {
  // What booking and assignment use of the account, and no more (never its password hash).
  const therapist = await manager.findOne(User, {
    select: { id: true, clinicId: true, role: true, displayName: true, isActive: true },
    where: { id: therapistId, clinicId, role: 'therapist' },
  });
  return assertAssignable(therapist, field);
}

/**
 * The same refusals for a therapist already read as one of the clinic's therapists (by the access
 * layer's loader, say): missing names no therapist of this clinic, deactivated is not bookable.
 */
export function assertAssignable<T extends Pick<User, 'isActive'>>(
  therapist: T | null,
  field: string,
): T {
  if (!therapist) {
    throw new FieldValidationException([
      { field, problems: [`${field} does not name a therapist of this clinic`] },
    ]);
  }
  if (!therapist.isActive) {
    throw new FieldValidationException([
      { field, problems: [`${field} names a deactivated therapist; choose an active one`] },
    ]);
  }
  return therapist;
}
