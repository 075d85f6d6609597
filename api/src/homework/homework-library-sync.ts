import type { DataSource } from 'typeorm';
import { Clinic } from '../clinics/entities/clinic.entity';
import { syncHomeworkLibrary } from './homework-templates.service';

/**
 * At start-up, every clinic's library is brought in step with the code (new exercises added,
 * changed wording applied by stable key), so library changes reach clinics that already exist.
 * Runs as the owner under the start-up lock, beside the migrations: replicas starting together
 * take turns instead of racing on the same rows. Returns how many clinics it went through.
 */
export async function syncEveryClinicLibrary(owner: DataSource): Promise<number> {
  const clinics = await owner.manager.find(Clinic, { select: { id: true } });
  for (const clinic of clinics) {
    await owner.transaction((manager) => syncHomeworkLibrary(manager, clinic.id));
  }
  return clinics.length;
}
