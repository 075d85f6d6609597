import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { ClientDetail, ClientPage, ClientSelfProfile, PortalInvite } from '@cairn/contracts';
import { type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Clinic } from '../clinics/entities/clinic.entity';
import { isUniqueViolation } from '../database/database-errors';
import { FieldValidationException } from '../http/api-exception.filter';
import { InvitesService } from '../invites/invites.service';
import { AccessService } from '../access/access.service';
import { readClientFile, type ClientFile } from '../access/client-file';
import { tiesOf } from '../access/record-loaders';
import { User } from '../users/entities/user.entity';
import { ClientClinicalService } from './client-clinical.service';
import { displayNameOf, toClientDetail, toClientSummary, toSelfProfile } from './client-views';
import {
  buildClientListQuery,
  EXACT_TOTAL_UP_TO,
  type ClientListQueries,
  type ClientRow,
} from './clients-query';
import type { ClientDemographicFieldsDto } from './dto/client-fields.dto';
import type { CreateClientDto } from './dto/create-client.dto';
import type { ListClientsQueryDto } from './dto/list-clients.query.dto';
import type { UpdateClientDto } from './dto/update-client.dto';
import { Client } from './entities/client.entity';
import { assignableTherapist } from './therapist-check';
import { Db } from '../database/db.service';

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
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly invites: InvitesService,
    private readonly clinical: ClientClinicalService,
  ) {}

  async list(actor: AuthenticatedUser, query: ListClientsQueryDto): Promise<ClientPage> {
    // The list's scope comes from the permissions table: whoever may view every file of the
    // clinic (an admin) lists them all; whoever may view only as treating therapist, a caseload.
    const viewers = this.access.grantingRelations(actor, 'client', 'view');
    const empty: ClientPage = {
      items: [],
      page: query.page,
      pageSize: query.pageSize,
      total: 0,
      totalIsEstimate: false,
    };
    if (viewers.length === 0) return empty;
    const wholeClinic = viewers.some((relation) => relation !== 'treating_therapist');
    const scope = { clinicId: actor.clinicId, therapistId: wholeClinic ? undefined : actor.id };
    // A therapist asking for another therapist's caseload gets nothing, not an error that confirms it.
    if (scope.therapistId && query.therapistId && query.therapistId !== scope.therapistId)
      return empty;

    const queries = buildClientListQuery({
      ...query,
      ...scope,
      therapistId: scope.therapistId ?? query.therapistId,
    });
    const rows = await this.db.manager.query<ClientRow[]>(...queries.page);
    const { total, totalIsEstimate } = await this.totalOf(queries, isNarrowed(query));
    await this.audit.record({
      action: 'client.listed',
      detail: { returned: rows.length, page: query.page },
    });
    return {
      items: rows.map(toClientSummary),
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalIsEstimate,
    };
  }

  /**
   * Exact for a search or filter; otherwise counted up to EXACT_TOTAL_UP_TO and estimated past
   * it, so the cost of a whole clinic's or caseload's list does not grow with its size.
   */
  private async totalOf(
    queries: ClientListQueries,
    narrowed: boolean,
  ): Promise<{ total: number; totalIsEstimate: boolean }> {
    const manager = this.db.manager;
    if (narrowed) {
      const [{ total }] = await manager.query<{ total: number }[]>(...queries.count);
      return { total, totalIsEstimate: false };
    }
    const [{ total: counted }] = await manager.query<{ total: number }[]>(...queries.boundedCount);
    if (counted <= EXACT_TOTAL_UP_TO) return { total: counted, totalIsEstimate: false };
    const [row] = await manager.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
      ...queries.estimate,
    );
    const estimated = Math.round(row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
    return { total: Math.max(counted, estimated), totalIsEstimate: true };
  }

  async create(actor: AuthenticatedUser, dto: CreateClientDto): Promise<ClientDetail> {
    await this.access.authorize(actor, 'client', { clinicId: actor.clinicId }, 'create', 'new');
    const id = await this.db.transaction(async (manager) => {
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
    const file = await this.access.load(actor, 'client', id, 'view');
    const clinical = this.access.can(actor, 'intake', file.facts).includes('read');
    // The loader read the file with its ties already: the answer is made from it.
    const detail = await this.detailOf(actor, file.record);
    await this.audit.record({
      action: 'client.viewed',
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
    await this.db.transaction(async (manager) => {
      const file = await this.access.load(actor, 'client', id, changed.length ? 'edit' : 'view', {
        manager,
        lock: true,
      });
      const client = file.record;
      if (intake) await this.access.authorize(actor, 'intake', file.facts, 'edit', id);

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
    await this.db.transaction(async (manager) => {
      const { record: client } = await this.access.load(actor, 'client', id, 'assign_therapist', {
        manager,
        lock: true,
      });
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
    await this.db.transaction(async (manager) => {
      const { record: client } = await this.access.load(actor, 'client', id, 'link_partner', {
        manager,
        lock: true,
      });
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
      const partner = await this.access
        .load(actor, 'client', partnerId, 'link_partner', { manager, lock: true })
        .then((loaded) => loaded.record)
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
    return this.db.transaction(async (manager) => {
      const { record: client } = await this.access.load(actor, 'client', id, 'invite_portal', {
        manager,
        lock: true,
      });
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
    const own = await this.access.ownClientFile(actor);
    if (!own?.can.includes('view_profile'))
      throw new NotFoundException('No client file is linked to this account.');
    const client = own.record;
    await this.audit.record({
      action: 'client.profile_viewed',
      entityType: 'client',
      entityId: client.id,
    });
    const clinic = await this.db.manager.findOneByOrFail(Clinic, { id: client.clinicId });
    const therapist = client.primaryTherapistId
      ? await this.db.manager.findOneBy(User, { id: client.primaryTherapistId })
      : null;
    return toSelfProfile(client, clinic, therapist);
  }

  /** The file as returned after a write (the caller's access was checked already). */
  private async detail(
    actor: AuthenticatedUser,
    id: string,
    manager: EntityManager = this.db.manager,
  ): Promise<ClientDetail> {
    const file = await readClientFile(manager, id, actor.clinicId);
    if (!file) throw new NotFoundException('Client not found.');
    return this.detailOf(actor, file, manager);
  }

  private async detailOf(
    actor: AuthenticatedUser,
    file: ClientFile,
    manager: EntityManager = this.db.manager,
  ): Promise<ClientDetail> {
    const facts = { clinicId: file.clinicId, client: tiesOf(file, null) };
    const detail = toClientDetail(file, this.access.can(actor, 'client', facts), {
      ...this.access.fileAccess(actor, facts),
    });
    if (detail.access.intake.includes('read'))
      detail.clinical = await this.clinical.read(manager, file.id);
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

/** A search term or any filter: the user asked how many match, so the total is exact. */
function isNarrowed(query: ListClientsQueryDto): boolean {
  return Boolean(
    query.q || query.status || query.therapistId || query.needsReassignment !== undefined,
  );
}
