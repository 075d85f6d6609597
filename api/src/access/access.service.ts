import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  AuditActions,
  FILE_RECORD_KINDS,
  type ActionOf,
  type FileAccess,
  type ResourceKind,
} from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Db } from '../database/db.service';
import { currentRequest } from '../http/request-context';
import { allowedActions, ROLE_RELATIONS, type Relation } from './permissions';
import { Client } from '../clients/entities/client.entity';
import {
  RECORD_LOADERS,
  tiesOf,
  type RecordKinds,
  type RecordOf,
  type RecordType,
} from './record-loaders';
import { relationsOf, type AccessFacts, type Actor } from './relations';

/** A record the caller may act on, with what they may do to it (the response's `can`). */
export interface Loaded<Row, K extends ResourceKind = ResourceKind> {
  record: Row;
  kind: K;
  facts: AccessFacts;
  relations: Relation[];
  can: ActionOf<K>[];
}

export interface LoadOptions {
  /** Hold the row FOR UPDATE for the rest of the transaction (a write). */
  lock?: boolean;
  manager?: EntityManager;
}

/** How an unknown record is named to the caller, whatever kind it is. */
const NOT_FOUND: Record<RecordType, string> = {
  client: 'Client not found.',
  timelineEvent: 'Timeline event not found.',
  assessment: 'Assessment not found.',
  measurementSchedule: 'Schedule not found.',
  safetyScreen: 'Safety screen not found.',
  note: 'Note not found.',
  report: 'Report not found.',
  homeworkAssignment: 'Homework not found.',
  recordExport: 'Export not found.',
  homeworkEntry: 'Entry not found.',
  appointment: 'Appointment not found.',
  availability: 'Therapist not found.',
  calendarFeed: 'Therapist not found.',
  staffAccount: 'Staff member not found.',
};

/**
 * The one access layer: loads any record by id within the caller's clinic, decides from the
 * permissions table what the caller may do to it, and refuses alike whatever is out of reach.
 * A record the caller may not know of answers 404 exactly like one that does not exist; one they
 * know of but may not act on this way, 403. Every refusal is audited (`access.denied`), in a
 * transaction of its own so that it outlives the failed request.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async load<T extends RecordType>(
    actor: Actor,
    type: T,
    id: string,
    action: ActionOf<RecordKinds[T]>,
    options: LoadOptions = {},
  ): Promise<Loaded<RecordOf<T>, RecordKinds[T]>> {
    const loaded = await this.loadVisible(actor, type, id, options);
    if (!(loaded.can as string[]).includes(action)) return this.notAllowed(loaded.kind, id, action);
    return loaded;
  }

  /**
   * The client file, when the caller may `action` records of `kind` in it (create a note on it,
   * read its intake). A file they cannot see is 404; one they see but may not do this in, 403.
   */
  async inFile<K extends ResourceKind>(
    actor: Actor,
    clientId: string,
    kind: K,
    action: ActionOf<K>,
    options: LoadOptions = {},
  ): Promise<Loaded<Client, 'client'>> {
    const file = await this.loadVisible(actor, 'client', clientId, options);
    await this.authorize(actor, kind, file.facts, action, clientId);
    return file;
  }

  /**
   * The linked partner's file, for work that spans both partners (a twin homework, the decision on
   * conjoint work): the caller must be allowed `action` there too. The link already says the
   * partner exists, so a partner file the caller does not treat is not a 404 but a 409 that says
   * so (`notTreated`); a 403 stays a 403.
   */
  async inPartnerFile<K extends ResourceKind>(
    actor: Actor,
    partnerId: string,
    kind: K,
    action: ActionOf<K>,
    notTreated: string,
    options: LoadOptions = {},
  ): Promise<Client> {
    try {
      return (await this.inFile(actor, partnerId, kind, action, options)).record;
    } catch (error) {
      throw error instanceof NotFoundException ? new ConflictException(notTreated) : error;
    }
  }

  /** For a record already loaded: refuses (403, audited) an action the caller may not also take. */
  async require<K extends ResourceKind>(
    loaded: Pick<Loaded<unknown, K>, 'kind' | 'can'>,
    id: string,
    action: ActionOf<K>,
  ): Promise<void> {
    if (!loaded.can.includes(action)) await this.notAllowed(loaded.kind, id, action);
  }

  /** The record with what the caller may do to it; 404 when that is nothing at all. */
  private async loadVisible<T extends RecordType>(
    actor: Actor,
    type: T,
    id: string,
    options: LoadOptions,
  ): Promise<Loaded<RecordOf<T>, RecordKinds[T]>> {
    const manager = options.manager ?? this.db.manager;
    const loader = RECORD_LOADERS[type] as (
      manager: EntityManager,
      id: string,
      clinicId: string,
      lock: boolean,
    ) => Promise<{ record: RecordOf<T>; kind: RecordKinds[T]; facts: AccessFacts } | null>;
    const found = await loader(manager, id, actor.clinicId, options.lock ?? false);
    if (!found) return this.notVisible(type, id);
    const decided = this.decide(actor, found.kind, found.facts);
    // Same clinic but no tie to the record (a colleague's client): the caller learns nothing,
    // and the clinic's trail says which file was probed.
    noteClientFile(found.facts);
    // `create` is granted on the file, not on a record: it does not make a record visible (a
    // treating therapist may write psychotherapy notes, yet never learns of a colleague's).
    if (!decided.can.some((action) => action !== 'create'))
      return this.notVisible(type, id, found.kind);
    return { ...found, ...decided };
  }

  /**
   * May the caller do `action` on a record of `kind` with these facts (for a record that does not
   * exist yet, the facts of its parent: creating an assessment on a client file)? Refuses like
   * `load`; `entityId` names the record asked about in the audit row.
   */
  async authorize<K extends ResourceKind>(
    actor: Actor,
    kind: K,
    facts: AccessFacts,
    action: ActionOf<K>,
    entityId: string,
  ): Promise<ActionOf<K>[]> {
    const { can } = this.decide(actor, kind, facts);
    if (!can.includes(action)) {
      // Knowing the parent is not knowing the child: a caller who sees the file but may not
      // create on it is refused (403); one who cannot see the file at all finds nothing (404).
      const parentVisible = facts.client
        ? this.decide(actor, 'client', { clinicId: facts.clinicId, client: facts.client }).can
            .length
        : can.length;
      noteClientFile(facts);
      if (parentVisible === 0) return this.notVisible('client', entityId, kind);
      return this.notAllowed(kind, entityId, action);
    }
    noteClientFile(facts);
    return can;
  }

  /**
   * The signed-in client's own file (a portal account is linked to exactly one), with what they
   * may do to it; null for anyone else or an account with no file. Every `/api/me` route starts here.
   */
  async ownClientFile(
    actor: Actor,
    manager?: EntityManager,
  ): Promise<Loaded<Client, 'client'> | null> {
    if (actor.role !== 'client') return null;
    const client = await (manager ?? this.db.manager).findOneBy(Client, {
      portalUserId: actor.id,
      clinicId: actor.clinicId,
    });
    if (!client) return null;
    const facts: AccessFacts = { clinicId: client.clinicId, client: tiesOf(client, null) };
    const decided = this.decide(actor, 'client', facts);
    noteClientFile(facts);
    return { record: client, kind: 'client', facts, ...decided };
  }

  /** What the caller may do inside a client file, kind by kind (the file detail's `access`). */
  fileAccess(actor: Actor, facts: AccessFacts): FileAccess {
    const entries = FILE_RECORD_KINDS.map((kind) => [kind, this.decide(actor, kind, facts).can]);
    return Object.fromEntries(entries) as FileAccess;
  }

  /** What the caller may do to a record with these facts (an empty list: not even know of it). */
  can<K extends ResourceKind>(actor: Actor, kind: K, facts: AccessFacts): ActionOf<K>[] {
    return this.decide(actor, kind, facts).can;
  }

  /**
   * The relations, among those the caller's role can hold, that grant `action` on `kind`: what a
   * list of such records is filtered by (a therapist's caseload is "where I am the treating
   * therapist"; an admin's directory is the whole clinic).
   */
  grantingRelations<K extends ResourceKind>(
    actor: Actor,
    kind: K,
    action: ActionOf<K>,
  ): Relation[] {
    return ROLE_RELATIONS[actor.role].filter((relation) =>
      allowedActions(kind, [relation], () => true).includes(action),
    );
  }

  private decide<K extends ResourceKind>(actor: Actor, kind: K, facts: AccessFacts) {
    let relations: Relation[];
    try {
      relations = relationsOf(actor, facts);
    } catch {
      relations = []; // an undecided role reaches nothing
    }
    const can = allowedActions(
      kind,
      relations,
      (condition) => facts.conditions?.[condition] === true,
    );
    return { relations, can };
  }

  private async notVisible(type: RecordType, id: string, kind?: ResourceKind): Promise<never> {
    await this.audit.record({
      action: AuditActions.accessDenied,
      outcome: 'denied',
      entityType: kind ?? type,
      entityId: id.slice(0, 64),
      detail: { route: currentRequest()?.route ?? 'unknown', reason: 'not_visible' },
    });
    throw new NotFoundException(NOT_FOUND[type]);
  }

  private async notAllowed(kind: ResourceKind, id: string, action: string): Promise<never> {
    await this.audit.record({
      action: AuditActions.accessDenied,
      outcome: 'denied',
      entityType: kind,
      entityId: id.slice(0, 64),
      detail: { route: currentRequest()?.route ?? 'unknown', reason: 'not_allowed', tried: action },
    });
    throw new ForbiddenException(
      `You cannot ${action.replace(/_/g, ' ')} this ${kind.replace(/_/g, ' ')}.`,
    );
  }
}

/** Audit rows of this request name the client file the record belongs to (the trail's filter). */
function noteClientFile(facts: AccessFacts): void {
  const context = currentRequest();
  if (context && facts.client) context.clientId ??= facts.client.id;
}
