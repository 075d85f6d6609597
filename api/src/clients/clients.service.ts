import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { ClientDetail, ClientPage, ClientSelfProfile, PortalInvite } from '@cairn/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Clinic } from '../clinics/entities/clinic.entity';
import { isUniqueViolation } from '../database/database-errors';
import { FieldValidationException } from '../http/api-exception.filter';
import { InvitesService } from '../invites/invites.service';
import { PolicyService } from '../policy/policy.service';
import { User } from '../users/entities/user.entity';
import { ClientClinicalService } from './client-clinical.service';
import {
  displayNameOf,
  toClientDetail,
  toClientSummary,
  toSelfProfile,
  type LoadedClient,
} from './client-views';
import { buildClientListQuery, type ClientRow } from './clients-query';
import type { ClientDemographicFieldsDto } from './dto/client-fields.dto';
import type { CreateClientDto } from './dto/create-client.dto';
import type { ListClientsQueryDto } from './dto/list-clients.query.dto';
import type { UpdateClientDto } from './dto/update-client.dto';
import { Client } from './entities/client.entity';
import { assignableTherapist } from './therapist-check';

const EMAIL_TAKEN = new FieldValidationException([
  { field: 'email', problems: ['another account already uses this email address'] },
]);

/**
 * Client files: the directory and caseloads, the file itself, assignment, couples and the portal
 * invitation. Clinical content (intake, timeline, phase) is ClientClinicalService's.
 */
@Injectable()
export class ClientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly invites: InvitesService,
    private readonly clinical: ClientClinicalService,
  ) {}

  async list(actor: AuthenticatedUser, query: ListClientsQueryDto): Promise<ClientPage> {
    const scope = this.policy.clientListScope(actor);
    const empty: ClientPage = { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    // A therapist asking for another therapist's caseload gets nothing, not an error that confirms it.
    if (scope.therapistId && query.therapistId && query.therapistId !== scope.therapistId)
      return empty;

    const { page, count } = buildClientListQuery({
      ...query,
      ...scope,
      therapistId: scope.therapistId ?? query.therapistId,
    });
    const rows = await this.dataSource.query<ClientRow[]>(...page);
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(...count);
    await this.audit.record({
      action: 'client.list',
      detail: { returned: rows.length, page: query.page },
    });
    return { items: rows.map(toClientSummary), page: query.page, pageSize: query.pageSize, total };
  }

  async create(actor: AuthenticatedUser, dto: CreateClientDto): Promise<ClientDetail> {
    const id = await this.dataSource.transaction(async (manager) => {
      if (dto.primaryTherapistId)
        await assignableTherapist(
          manager,
          actor.clinicId,
          dto.primaryTherapistId,
          'primaryTherapistId',
        );
      const client = manager.create(Client, {
        clinicId: actor.clinicId,
        legalName: dto.legalName,
        status: dto.status ?? 'prospect',
        primaryTherapistId: dto.primaryTherapistId ?? null,
        portalUserId: null,
        partnerId: null,
        ...demographicColumns(dto),
      });
      await manager.save(client);
      await this.audit.record(
        { action: 'client.created', entityType: 'client', entityId: client.id },
        manager,
      );
      return client.id;
    });
    return this.detail(actor, id);
  }

  /** The file as the caller may see it; the treating therapist also gets the clinical content. */
  async get(actor: AuthenticatedUser, id: string): Promise<ClientDetail> {
    const client = await this.policy.client(actor, id, 'view');
    const clinical = this.policy.seesClinical(actor, client);
    const detail = await this.detail(actor, id);
    await this.audit.record({
      action: 'client.read',
      entityType: 'client',
      entityId: id,
      detail: { clinical },
    });
    return detail;
  }

  async update(actor: AuthenticatedUser, id: string, dto: UpdateClientDto): Promise<ClientDetail> {
    const { intake, ...demographics } = dto;
    const changed = Object.keys(demographics).filter(
      (key) => demographics[key as keyof typeof demographics] !== undefined,
    );
    await this.dataSource.transaction(async (manager) => {
      const client = await this.policy.client(
        actor,
        id,
        changed.length ? 'editDemographics' : 'view',
        manager,
        true,
      );
      if (intake) this.policy.assertMay(actor, 'editClinical', client);

      if (changed.length) {
        await manager.update(Client, { id }, demographicColumns(demographics));
        if (
          dto.email !== undefined &&
          client.portalUserId &&
          dto.email &&
          dto.email !== client.email
        ) {
          await this.updatePortalEmail(manager, client.portalUserId, dto.email);
        }
        await this.audit.record(
          {
            action: 'client.updated',
            entityType: 'client',
            entityId: id,
            detail: { fields: changed.join(',') },
          },
          manager,
        );
      }
      if (intake) {
        await this.clinical.updateIntake(manager, actor, id, intake);
        await this.audit.record(
          { action: 'client.intake_updated', entityType: 'client', entityId: id },
          manager,
        );
      }
    });
    return this.detail(actor, id);
  }

  async assign(actor: AuthenticatedUser, id: string, therapistId: string): Promise<ClientDetail> {
    await this.dataSource.transaction(async (manager) => {
      const client = await this.policy.client(actor, id, 'assignTherapist', manager, true);
      await assignableTherapist(manager, actor.clinicId, therapistId, 'therapistId');
      await manager.update(Client, { id }, { primaryTherapistId: therapistId });
      await this.audit.record(
        {
          action: 'client.assigned',
          entityType: 'client',
          entityId: id,
          detail: { from: client.primaryTherapistId, to: therapistId },
        },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  /** Links two files as partners in couple work (both point at each other), or unlinks them. */
  async linkPartner(
    actor: AuthenticatedUser,
    id: string,
    partnerId: string | null,
  ): Promise<ClientDetail> {
    await this.dataSource.transaction(async (manager) => {
      const client = await this.policy.client(actor, id, 'linkPartner', manager, true);
      if (partnerId === null) {
        if (!client.partnerId) return;
        await manager.update(Client, { id: client.partnerId }, { partnerId: null });
        await manager.update(Client, { id }, { partnerId: null });
        await this.audit.record(
          {
            action: 'client.partner_unlinked',
            entityType: 'client',
            entityId: id,
            detail: { partner: client.partnerId },
          },
          manager,
        );
        return;
      }
      if (partnerId === id) {
        throw new FieldValidationException([
          { field: 'partnerId', problems: ['a client cannot be their own partner'] },
        ]);
      }
      const partner = await this.policy
        .client(actor, partnerId, 'linkPartner', manager, true)
        .catch((error: unknown) => {
          if (error instanceof NotFoundException) {
            throw new FieldValidationException([
              { field: 'partnerId', problems: ['partnerId does not name a client you can link'] },
            ]);
          }
          throw error;
        });
      if (client.partnerId === partnerId) return;
      if (client.partnerId || partner.partnerId) {
        throw new ConflictException(
          'One of these clients is already linked to a partner; unlink that first.',
        );
      }
      await manager.update(Client, { id }, { partnerId });
      await manager.update(Client, { id: partnerId }, { partnerId: id });
      await this.audit.record(
        {
          action: 'client.partner_linked',
          entityType: 'client',
          entityId: id,
          detail: { partner: partnerId },
        },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  /**
   * A one-time link for the client to set a portal password. Creates the portal account on the
   * first invitation; a new invitation replaces an unused one. Once the client has set a
   * password there is nothing to invite to, and nobody but the client can set it again.
   */
  async invitePortal(actor: AuthenticatedUser, id: string): Promise<PortalInvite> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.policy.client(actor, id, 'invitePortal', manager, true);
      if (!client.email) {
        throw new FieldValidationException([
          {
            field: 'email',
            problems: ["add the client's email address to the file before inviting them"],
          },
        ]);
      }
      if (client.status === 'discharged') {
        throw new ConflictException('A discharged client cannot be invited to the portal.');
      }
      let user = client.portalUserId
        ? await manager.findOneByOrFail(User, { id: client.portalUserId })
        : null;
      if (user?.passwordHash)
        throw new ConflictException('This client already has a portal account.');
      if (!user) {
        user = await this.createPortalUser(manager, client);
        await manager.update(Client, { id }, { portalUserId: user.id });
      } else if (user.email !== client.email) {
        await this.updatePortalEmail(manager, user.id, client.email);
        user.email = client.email;
      }
      const invite = await this.invites.issue(manager, user, actor.id);
      await this.audit.record(
        { action: 'client.portal_invited', entityType: 'client', entityId: id },
        manager,
      );
      return invite;
    });
  }

  /** `GET /api/me`: the signed-in client's own profile, without clinical fields. */
  async selfProfile(actor: AuthenticatedUser): Promise<ClientSelfProfile> {
    const client = await this.policy.ownClientFile(actor);
    if (!client) throw new NotFoundException('No client file is linked to this account.');
    this.policy.assertMay(actor, 'viewOwnProfile', client);
    const clinic = await this.dataSource.manager.findOneByOrFail(Clinic, { id: client.clinicId });
    const therapist = client.primaryTherapistId
      ? await this.dataSource.manager.findOneBy(User, { id: client.primaryTherapistId })
      : null;
    return toSelfProfile(client, clinic, therapist);
  }

  /** The file as returned after a read or write (the caller's access was checked already). */
  private async detail(
    actor: AuthenticatedUser,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ClientDetail> {
    const client = (await manager.findOneOrFail(Client, {
      where: { id },
      relations: { primaryTherapist: true, portalUser: true, partner: true },
    })) as LoadedClient;
    const detail = toClientDetail(client);
    if (this.policy.seesClinical(actor, client))
      detail.clinical = await this.clinical.read(manager, id);
    return detail;
  }

  private async createPortalUser(manager: EntityManager, client: Client): Promise<User> {
    try {
      return await manager.save(
        manager.create(User, {
          clinicId: client.clinicId,
          email: (client.email ?? '').toLowerCase(),
          displayName: displayNameOf(client),
          role: 'client',
          passwordHash: null,
          isActive: true,
          passwordChangedAt: null,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw EMAIL_TAKEN;
      throw error;
    }
  }

  private async updatePortalEmail(
    manager: EntityManager,
    userId: string,
    email: string,
  ): Promise<void> {
    try {
      await manager.update(User, { id: userId }, { email: email.toLowerCase() });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw EMAIL_TAKEN;
      throw error;
    }
  }
}

/** DTO demographics to entity columns; fields left out of the request are left out here too. */
function demographicColumns(
  dto: ClientDemographicFieldsDto & { legalName?: string },
): Partial<Client> {
  const columns: Partial<Client> = {};
  const copy = <K extends keyof Client & keyof typeof dto>(key: K) => {
    if (dto[key] !== undefined) (columns as Record<string, unknown>)[key] = dto[key];
  };
  copy('legalName');
  copy('status');
  copy('preferredName');
  copy('pronouns');
  copy('dateOfBirth');
  copy('email');
  copy('phone');
  copy('referralSource');
  copy('intakeDate');
  if (dto.emergencyContact !== undefined) {
    columns.emergencyContactName = dto.emergencyContact?.name ?? null;
    columns.emergencyContactRelationship = dto.emergencyContact?.relationship ?? null;
    columns.emergencyContactPhone = dto.emergencyContact?.phone ?? null;
  }
  return columns;
}
