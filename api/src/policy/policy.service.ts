import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { Client } from '../clients/entities/client.entity';
import { canSeeClient, mayOnClient, type Actor, type ClientAction } from './client-access.policy';
import { Db } from '../database/db.service';

const FORBIDDEN_MESSAGES: Record<ClientAction, string> = {
  view: 'You cannot open this client file.',
  viewClinical: 'Only the treating therapist sees clinical content.',
  editDemographics: 'You cannot change this client file.',
  editClinical: 'Only the treating therapist can change clinical content.',
  assignTherapist: 'Only a clinic admin assigns therapists.',
  invitePortal: 'Only a clinic admin invites clients to the portal.',
  linkPartner: 'You cannot link partners on this file.',
  viewOwnProfile: 'This is not your profile.',
  answerOwnQuestionnaires: 'This questionnaire is not yours.',
  viewHomework: 'Only the treating therapist sees homework and its entries.',
  assignHomework: 'Only the treating therapist assigns homework.',
  doOwnHomework: 'This homework is not yours.',
  bookAppointments: 'You cannot book appointments for this client.',
};

/**
 * Loads records for a caller and applies the access policy in one place, for every controller.
 * A record the caller may not know about answers 404, exactly like one that does not exist.
 */
@Injectable()
export class PolicyService {
  constructor(private readonly db: Db) {}

  /**
   * The client file, if the caller may do `action` on it. Pass a transaction's manager and
   * `lock` for a write, so the row cannot change between the check and the update.
   */
  async client(
    actor: Actor,
    clientId: string,
    action: ClientAction,
    manager?: EntityManager,
    lock = false,
  ): Promise<Client> {
    const em = manager ?? this.db.manager;
    const query = em
      .createQueryBuilder(Client, 'client')
      .where('client.id = :clientId', { clientId });
    if (lock) query.setLock('pessimistic_write');
    const client = await query.getOne();
    if (!client || !canSeeClient(actor, client)) {
      throw new NotFoundException('Client not found.');
    }
    if (!mayOnClient(actor, action, client)) {
      throw new ForbiddenException(FORBIDDEN_MESSAGES[action]);
    }
    return client;
  }

  /**
   * The signed-in client's own file (their portal account is linked to exactly one), or null
   * when no file is linked. Every `/api/me/...` route starts here.
   */
  ownClientFile(actor: Actor, manager?: EntityManager): Promise<Client | null> {
    return (manager ?? this.db.manager).findOneBy(Client, {
      portalUserId: actor.id,
      clinicId: actor.clinicId,
    });
  }

  /** For a file already loaded through `client()`: refuses an action the caller may not take. */
  assertMay(actor: Actor, action: ClientAction, client: Client): void {
    if (!mayOnClient(actor, action, client))
      throw new ForbiddenException(FORBIDDEN_MESSAGES[action]);
  }

  /** Whether the caller sees clinical content of this (already loaded) file. */
  seesClinical(actor: Actor, client: Client): boolean {
    return mayOnClient(actor, 'viewClinical', client);
  }

  /** The rows a caller's client lists are confined to. Therapists see their own caseload only. */
  clientListScope(actor: Actor): { clinicId: string; therapistId?: string } {
    return actor.role === 'therapist'
      ? { clinicId: actor.clinicId, therapistId: actor.id }
      : { clinicId: actor.clinicId };
  }
}
