import { todayIn } from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import { Clinic } from './entities/clinic.entity';

/** The clinic's IANA time zone: its days, hours and schedule are read in it. */
export async function clinicTimeZone(manager: EntityManager, clinicId: string): Promise<string> {
  const clinic = await manager.findOneByOrFail(Clinic, { id: clinicId });
  return clinic.timeZone;
}

/** Today in the clinic's time zone, as YYYY-MM-DD: not the server's day, nor the browser's. */
export async function clinicToday(manager: EntityManager, clinicId: string): Promise<string> {
  return todayIn(await clinicTimeZone(manager, clinicId));
}
