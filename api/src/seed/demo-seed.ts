import type { Role } from '@cairn/contracts';
import type { DataSource } from 'typeorm';
import type { PasswordHasher } from '../auth/password-hasher';
import { Clinic } from '../clinics/entities/clinic.entity';
import { User } from '../users/entities/user.entity';

export const DEMO_PASSWORD = 'cairn-demo-2026';

export const DEMO_USERS: { email: string; displayName: string; role: Role }[] = [
  { email: 'admin@demo.clinic', displayName: 'Dana Whitfield', role: 'admin' },
  { email: 'therapist@demo.clinic', displayName: 'Dr. Maya Okafor', role: 'therapist' },
  { email: 'therapist2@demo.clinic', displayName: 'Sam Lindqvist', role: 'therapist' },
  { email: 'client@demo.clinic', displayName: 'Jordan Rivera', role: 'client' },
];

/**
 * Seeds the demo clinic the first time the app starts on an empty database (development only).
 * Returns false when there was already data, so a restart keeps what the first run made.
 */
export async function seedDemoData(
  dataSource: DataSource,
  hasher: PasswordHasher,
): Promise<boolean> {
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  return dataSource.transaction(async (manager) => {
    // Serialises two processes starting at once on the same database.
    await manager.query('SELECT pg_advisory_xact_lock(4242001)');
    if ((await manager.count(Clinic)) > 0) return false;
    const clinic = await manager.save(
      manager.create(Clinic, { name: 'Demo Clinic', timeZone: 'America/Chicago' }),
    );
    for (const demo of DEMO_USERS) {
      await manager.save(
        manager.create(User, {
          ...demo,
          clinicId: clinic.id,
          passwordHash,
          isActive: true,
          passwordChangedAt: null,
        }),
      );
    }
    return true;
  });
}
