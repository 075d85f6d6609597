import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { StaffCreated, StaffMember } from '@cairn/contracts';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { SessionsService } from '../auth/sessions.service';
import { isUniqueViolation } from '../database/database-errors';
import { FieldValidationException } from '../http/api-exception.filter';
import { InvitesService } from '../invites/invites.service';
import { User } from '../users/entities/user.entity';
import { normaliseEmail } from '../users/users.service';
import type { CreateStaffDto, UpdateStaffDto } from './dto/staff.dto';
import { Db } from '../database/db.service';

interface StaffRow {
  id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'therapist';
  is_active: boolean;
  has_password: boolean;
  caseload: number;
}

/**
 * The clinic's therapists and admins. New staff get a one-time link to set their own password;
 * a deactivated account cannot sign in (its sessions end at once) and its clients show as
 * needing reassignment. Accounts are never deleted.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionsService,
    private readonly invites: InvitesService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: AuthenticatedUser): Promise<StaffMember[]> {
    return (await this.rows(this.db.manager, actor.clinicId)).map(toStaffMember);
  }

  async create(actor: AuthenticatedUser, dto: CreateStaffDto): Promise<StaffCreated> {
    return this.db.transaction(async (manager) => {
      let user: User;
      try {
        user = await manager.save(
          manager.create(User, {
            clinicId: actor.clinicId,
            email: normaliseEmail(dto.email),
            displayName: dto.displayName,
            role: dto.role,
            passwordHash: null,
            isActive: true,
            passwordChangedAt: null,
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) {
          throw new FieldValidationException([
            { field: 'email', problems: ['another account already uses this email address'] },
          ]);
        }
        throw error;
      }
      const invite = await this.invites.issue(manager, user, actor.id);
      await this.audit.record(
        {
          action: 'staff.created',
          entityType: 'user',
          entityId: user.id,
          detail: { role: dto.role },
        },
        manager,
      );
      const [row] = await this.rows(manager, actor.clinicId, user.id);
      if (!row) throw new Error('created staff member not found');
      return { member: toStaffMember(row), invite };
    });
  }

  async update(actor: AuthenticatedUser, id: string, dto: UpdateStaffDto): Promise<StaffMember> {
    return this.db.transaction(async (manager) => {
      const user = await this.staffMember(manager, actor, id);
      if (dto.isActive === false && user.id === actor.id) {
        throw new ConflictException('You cannot deactivate your own account; ask another admin.');
      }
      await manager.update(
        User,
        { id },
        {
          ...(dto.displayName ? { displayName: dto.displayName } : {}),
          ...(dto.isActive !== undefined ? { isActive: dto.isActive } : {}),
        },
      );
      if (dto.isActive === false && user.isActive) {
        await this.sessions.revokeAllForUser(manager, id, 'deactivated');
        await this.audit.record(
          { action: 'staff.deactivated', entityType: 'user', entityId: id },
          manager,
        );
      } else if (dto.isActive === true && !user.isActive) {
        await this.audit.record(
          { action: 'staff.reactivated', entityType: 'user', entityId: id },
          manager,
        );
      }
      if (dto.displayName && dto.displayName !== user.displayName) {
        await this.audit.record(
          { action: 'staff.updated', entityType: 'user', entityId: id },
          manager,
        );
      }
      const [row] = await this.rows(manager, actor.clinicId, id);
      if (!row) throw new Error('updated staff member not found');
      return toStaffMember(row);
    });
  }

  /**
   * A fresh link for someone who has not set a password yet. Once they have, nobody else can set
   * it for them: an admin who could would be able to sign in as a therapist and read their notes.
   */
  async reinvite(actor: AuthenticatedUser, id: string): Promise<StaffCreated> {
    return this.db.transaction(async (manager) => {
      const user = await this.staffMember(manager, actor, id);
      if (user.passwordHash) {
        throw new ConflictException(
          'This person has already set a password; they change it themselves after signing in.',
        );
      }
      if (!user.isActive)
        throw new ConflictException('Reactivate the account before inviting again.');
      const invite = await this.invites.issue(manager, user, actor.id);
      await this.audit.record(
        { action: 'staff.invited', entityType: 'user', entityId: id },
        manager,
      );
      const [row] = await this.rows(manager, actor.clinicId, id);
      if (!row) throw new Error('staff member not found');
      return { member: toStaffMember(row), invite };
    });
  }

  private async staffMember(
    manager: EntityManager,
    actor: AuthenticatedUser,
    id: string,
  ): Promise<User> {
    const user = await manager
      .createQueryBuilder(User, 'user')
      .setLock('pessimistic_write')
      .where({ id, clinicId: actor.clinicId, role: In(['admin', 'therapist']) })
      .getOne();
    if (!user) throw new NotFoundException('Staff member not found.');
    return user;
  }

  private rows(manager: EntityManager, clinicId: string, id?: string): Promise<StaffRow[]> {
    return manager.query<StaffRow[]>(
      `SELECT u.id, u.email, u.display_name, u.role, u.is_active, u.password_hash IS NOT NULL AS has_password,
              (SELECT count(*)::int FROM clients c
                WHERE c.primary_therapist_id = u.id AND c.status <> 'discharged') AS caseload
         FROM users u
        WHERE u.clinic_id = $1 AND u.role IN ('admin', 'therapist') AND ($2::uuid IS NULL OR u.id = $2)
        ORDER BY u.is_active DESC, lower(u.display_name)`,
      [clinicId, id ?? null],
    );
  }
}

function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    isActive: row.is_active,
    caseloadSize: row.caseload,
    hasSignedIn: row.has_password,
  };
}
