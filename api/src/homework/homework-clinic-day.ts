import { todayIn } from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import { Clinic } from '../clinics/entities/clinic.entity';

/** Today in the clinic's time zone: homework dates are the clinic's calendar days. */
export async function clinicToday(manager: EntityManager, clinicId: string): Promise<string> {
  const clinic = await manager.findOneByOrFail(Clinic, { id: clinicId });
  return todayIn(clinic.timeZone);
}
