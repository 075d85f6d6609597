import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { User } from '../users/entities/user.entity';
import { Appointment } from './entities/appointment.entity';

/**
 * Whose schedule a caller may see: an admin any therapist's of their clinic, a therapist only
 * their own. Another clinic's therapist, or a colleague's schedule, answers 404.
 */
export async function visibleTherapist(
  manager: EntityManager,
  actor: AuthenticatedUser,
  therapistId: string,
): Promise<User> {
  if (actor.role === 'therapist' && actor.id !== therapistId)
    throw new NotFoundException('Therapist not found.');
  const therapist = await manager.findOneBy(User, {
    id: therapistId,
    clinicId: actor.clinicId,
    role: 'therapist',
  });
  if (!therapist || actor.role === 'client') throw new NotFoundException('Therapist not found.');
  return therapist;
}

/**
 * An appointment the caller may see and act on: the whole clinic's for an admin, a therapist's
 * own only. `lock` holds the row for a write.
 */
export async function visibleAppointment(
  manager: EntityManager,
  actor: AuthenticatedUser,
  id: string,
  lock = false,
): Promise<Appointment> {
  const query = manager
    .createQueryBuilder(Appointment, 'appointment')
    .where('appointment.id = :id AND appointment.clinic_id = :clinicId', {
      id,
      clinicId: actor.clinicId,
    });
  if (lock) query.setLock('pessimistic_write');
  const appointment = await query.getOne();
  if (!appointment || (actor.role === 'therapist' && appointment.therapistId !== actor.id))
    throw new NotFoundException('Appointment not found.');
  if (actor.role === 'client') throw new NotFoundException('Appointment not found.');
  return appointment;
}

export function assertAdmin(actor: AuthenticatedUser, message: string): void {
  if (actor.role !== 'admin') throw new ForbiddenException(message);
}
