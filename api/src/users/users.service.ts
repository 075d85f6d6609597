import { Injectable } from '@nestjs/common';
import type { SessionUser } from '@cairn/contracts';
import { Clinic } from '../clinics/entities/clinic.entity';
import { User } from './entities/user.entity';
import { Db } from '../database/db.service';

/** Emails are compared lower-cased and trimmed, which is how they are stored. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class UsersService {
  constructor(private readonly db: Db) {}

  findByEmail(email: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { email: normaliseEmail(email) });
  }

  async sessionUser(userId: string): Promise<SessionUser> {
    const user = await this.db.manager.findOneOrFail(User, {
      where: { id: userId },
      relations: { clinic: true },
    });
    if (!user.clinic) throw new Error(`User ${user.id} has no clinic`);
    return toSessionUser(user, user.clinic);
  }
}

export function toSessionUser(user: User, clinic: Clinic): SessionUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    clinicId: clinic.id,
    clinicName: clinic.name,
    clinicTimeZone: clinic.timeZone,
    idleTimeoutMinutes: clinic.idleTimeoutMinutes,
  };
}
