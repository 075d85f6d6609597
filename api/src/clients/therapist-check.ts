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
  const therapist = await manager.findOneBy(User, { id: therapistId, clinicId, role: 'therapist' });
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
