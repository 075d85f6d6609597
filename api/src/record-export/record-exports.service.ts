import {
  ConflictException,
  GoneException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import {
  RECORD_EXPORT_STEPS,
  RECORD_EXPORT_VALID_DAYS,
  type RecordExportAudience,
  type RecordExportView,
} from '@cairn/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { FieldCipher } from '../crypto/field-cipher';
import { sealContext } from '../crypto/sealed-columns';
import { Db } from '../database/db.service';
import { currentRequest } from '../http/request-context';
import { Clock } from '../jobs/clock';
import { RECORD_EXPORT_QUEUE } from '../jobs/job-queue-install';
import { JobQueue } from '../jobs/job-queue.service';
import { composeMail } from '../mail/mail-content';
import { MailService } from '../mail/mail.service';
import { User } from '../users/entities/user.entity';
import { RecordExportRecord } from './entities/record-export.entity';
import { RecordExportBuilder } from './record-export-builder';

const DAY_MS = 86_400_000;
/** A build still `running` this long after its last step was left by a worker that stopped. */
const STALE_MS = 15 * 60_000;
const STEPS = RECORD_EXPORT_STEPS.length;

interface Claimed {
  id: string;
  client_id: string;
  audience: RecordExportAudience;
  built_by: string;
}

/**
 * Record exports as a job. Staff ask for one (queued at once); a client asks for their own copy,
 * which waits until the treating therapist releases it. The `record-exports` job (a wake-up with
 * no data, like the dispatcher's) claims queued rows clinic by clinic, builds each as the person
 * who asked (or released it), writes its progress step by step, and stores the zip sealed with the
 * field cipher. A finished export can be downloaded for a week; then the job drops the zip.
 * Every request, release, build, download and expiry is audited.
 */
@Injectable()
export class RecordExportsService implements OnModuleInit {
  private readonly logger = new Logger('RecordExports');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly builder: RecordExportBuilder,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(RECORD_EXPORT_QUEUE, () => this.runPending());
  }

  /** Staff: an export of what the caller may read of the file, queued at once. */
  async create(actor: AuthenticatedUser, clientId: string): Promise<RecordExportView> {
    const file = await this.access.inFile(actor, clientId, 'record_export', 'create');
    const clinical = this.access.can(actor, 'assessment', file.facts).includes('export');
    const row = await this.insert(actor, clientId, 'staff', clinical, 'queued');
    await this.audit.record({
      action: 'record_export.requested',
      entityType: 'record_export',
      entityId: row.id,
      detail: { clinical },
    });
    this.db.afterCommit(() => void this.jobs.wake(RECORD_EXPORT_QUEUE));
    return toView(row);
  }

  /** The client: a copy of their own record, waiting for the therapist; asking twice is one request. */
  async requestOwn(actor: AuthenticatedUser): Promise<RecordExportView> {
    const file = await this.access.ownClientFile(actor);
    if (!file) throw new NotFoundException('Client not found.');
    await this.access.authorize(actor, 'record_export', file.facts, 'create', file.record.id);
    const open = await this.db.manager
      .createQueryBuilder(RecordExportRecord, 'r')
      .where(`r.client_id = :clientId AND r.audience = 'client'`, { clientId: file.record.id })
      .andWhere(`r.status IN ('requested', 'queued', 'running')`)
      .getOne();
    if (open) return toView(open);
    const row = await this.insert(actor, file.record.id, 'client', true, 'requested');
    await this.audit.record({
      action: 'record_export.client_requested',
      entityType: 'record_export',
      entityId: row.id,
    });
    return toView(row);
  }

  /** The exports of a file the caller may see (an admin: their non-clinical ones). */
  async listForClient(actor: AuthenticatedUser, clientId: string): Promise<RecordExportView[]> {
    const file = await this.access.load(actor, 'client', clientId, 'view');
    const rows = await this.db.manager.find(RecordExportRecord, {
      where: { clientId },
      order: { createdAt: 'DESC' },
    });
    return rows
      .filter((row) =>
        this.access
          .can(actor, 'record_export', { ...file.facts, conditions: conditionsOf(row) })
          .includes('view'),
      )
      .map(toView);
  }

  /** The client's own requests and copies, newest first. */
  async listOwn(actor: AuthenticatedUser): Promise<RecordExportView[]> {
    const file = await this.access.ownClientFile(actor);
    if (!file) return [];
    const rows = await this.db.manager.find(RecordExportRecord, {
      where: { clientId: file.record.id, audience: 'client' },
      order: { createdAt: 'DESC' },
    });
    return rows.map(toView);
  }

  async get(actor: AuthenticatedUser, id: string): Promise<RecordExportView> {
    const { record } = await this.access.load(actor, 'recordExport', id, 'view');
    return toView(record);
  }

  /** The treating therapist lets the client's copy be built (no psychotherapy notes, no partner). */
  async release(actor: AuthenticatedUser, id: string): Promise<RecordExportView> {
    const { record } = await this.access.load(actor, 'recordExport', id, 'release', { lock: true });
    if (record.status !== 'requested') {
      throw new ConflictException('This export is not waiting to be released.');
    }
    record.status = 'queued';
    record.releasedBy = actor.id;
    record.releasedAt = this.clock.now();
    await this.db.manager.save(record);
    await this.audit.record({
      action: 'record_export.released',
      entityType: 'record_export',
      entityId: id,
    });
    this.db.afterCommit(() => void this.jobs.wake(RECORD_EXPORT_QUEUE));
    return toView(record);
  }

  /** The finished zip, opened; 409 while it is being built, 410 once it has expired. */
  async download(actor: AuthenticatedUser, id: string): Promise<Uint8Array> {
    const { record } = await this.access.load(actor, 'recordExport', id, 'download');
    if (record.status === 'expired') {
      throw new GoneException('This export has expired. Ask for a new one.');
    }
    if (record.status !== 'ready') {
      throw new ConflictException('This export is not ready yet.');
    }
    const [stored] = await this.db.manager.query<{ key: string; data: Buffer }[]>(
      'SELECT archive_key_id AS key, archive_sealed AS data FROM record_exports WHERE id = $1',
      [id],
    );
    if (!stored?.key || !stored.data) throw new GoneException('This export has expired.');
    const zip = Buffer.from(
      this.cipher.open({ keyId: stored.key, data: stored.data }, archiveContext(id)),
      'base64',
    );
    await this.audit.record({
      action: 'record_export.downloaded',
      entityType: 'record_export',
      entityId: id,
      detail: { bytes: zip.length, audience: record.audience, clinical: record.clinical },
    });
    return zip;
  }

  /**
   * The job: drops expired zips, then builds every queued export, clinic by clinic. Answers how
   * many were built. Tests call it directly when they run no workers.
   */
  async runPending(): Promise<number> {
    const clinics = await this.db.forClinic(null, (manager) =>
      manager.query<{ id: string }[]>('SELECT clinic_ids() AS id'),
    );
    let built = 0;
    for (const { id: clinicId } of clinics) {
      await this.expire(clinicId);
      for (
        let claimed = await this.claim(clinicId);
        claimed;
        claimed = await this.claim(clinicId)
      ) {
        if (await this.buildOne(clinicId, claimed)) built++;
      }
    }
    return built;
  }

  private async insert(
    actor: AuthenticatedUser,
    clientId: string,
    audience: RecordExportAudience,
    clinical: boolean,
    status: 'queued' | 'requested',
  ): Promise<RecordExportRecord> {
    const row = this.db.manager.create(RecordExportRecord, {
      id: randomUUID(),
      clinicId: actor.clinicId,
      clientId,
      audience,
      clinical,
      status,
      requestedBy: actor.id,
      releasedBy: null,
      releasedAt: null,
      stepsDone: 0,
      stepsTotal: STEPS,
      archiveKeyId: null,
      archiveSealed: null,
      bytes: null,
      error: null,
      readyAt: null,
      expiresAt: null,
    });
    return this.db.manager.save(row);
  }

  private claim(clinicId: string): Promise<Claimed | null> {
    const stale = new Date(this.clock.now().getTime() - STALE_MS);
    return this.db.forClinic(clinicId, async (manager) => {
      const [rows] = await manager.query<[Claimed[], number]>(
        `UPDATE record_exports SET status = 'running', steps_done = 0, updated_at = now()
          WHERE id = (
            SELECT id FROM record_exports
             WHERE status = 'queued' OR (status = 'running' AND updated_at <= $1)
             ORDER BY created_at LIMIT 1
             FOR UPDATE SKIP LOCKED)
          RETURNING id, client_id, audience, coalesce(released_by, requested_by) AS built_by`,
        [stale],
      );
      return rows[0] ?? null;
    });
  }

  private async buildOne(clinicId: string, claimed: Claimed): Promise<boolean> {
    try {
      const actor = await this.db.forClinic(clinicId, (manager) =>
        actorOf(manager, claimed.built_by),
      );
      const built = await this.db.forClinic(clinicId, async () => {
        // The build reads through the access layer as the person it is for; audit rows of
        // this transaction name them as the request's user would be named.
        const context = currentRequest();
        if (context) context.user = actor;
        return this.builder.build(actor, claimed.client_id, claimed.audience, (done) =>
          // Its own transaction, so GET shows the step while the build goes on.
          this.db.forClinic(clinicId, async (manager) => {
            await manager.query(
              `UPDATE record_exports SET steps_done = $2, updated_at = now() WHERE id = $1`,
              [claimed.id, Math.min(done, STEPS - 1)],
            );
          }),
        );
      });
      const sealed = this.cipher.seal(
        Buffer.from(built.zip).toString('base64'),
        archiveContext(claimed.id),
      );
      const now = this.clock.now();
      const email = await this.db.forClinic(clinicId, async (manager) => {
        await manager.query(
          `UPDATE record_exports
              SET status = 'ready', steps_done = steps_total, archive_key_id = $2,
                  archive_sealed = $3, bytes = $4, clinical = $5, ready_at = $6, expires_at = $7,
                  updated_at = now()
            WHERE id = $1`,
          [
            claimed.id,
            sealed.keyId,
            sealed.data,
            built.zip.length,
            built.clinical,
            now,
            new Date(now.getTime() + RECORD_EXPORT_VALID_DAYS * DAY_MS),
          ],
        );
        await this.audit.record(
          {
            action: 'record_export.built',
            entityType: 'record_export',
            entityId: claimed.id,
            clientId: claimed.client_id,
            actor,
            detail: {
              files: built.files.length,
              bytes: built.zip.length,
              audience: claimed.audience,
            },
          },
          manager,
        );
        return claimed.audience === 'client' ? clientAddress(manager, claimed.client_id) : null;
      });
      if (email) await this.tellClient(clinicId, email);
      return true;
    } catch (error) {
      this.logger.error({
        msg: 'record export failed',
        exportId: claimed.id,
        error: error instanceof Error ? error.message : String(error),
      });
      const reason =
        error instanceof HttpException && error.getStatus() === 404
          ? 'The file is no longer in reach of the person the export was built for.'
          : 'The export could not be built.';
      await this.db.forClinic(clinicId, (manager) =>
        manager.query(
          `UPDATE record_exports SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`,
          [claimed.id, reason],
        ),
      );
      return false;
    }
  }

  /** Drops the zip of every export past its time; the row stays, saying it expired. */
  private async expire(clinicId: string): Promise<void> {
    await this.db.forClinic(clinicId, async (manager) => {
      const [rows] = await manager.query<[{ id: string; client_id: string }[], number]>(
        `UPDATE record_exports SET status = 'expired', archive_key_id = NULL, archive_sealed = NULL,
                updated_at = now()
          WHERE status = 'ready' AND expires_at <= $1
          RETURNING id, client_id`,
        [this.clock.now()],
      );
      await this.audit.recordMany(
        rows.map((row) => ({
          action: 'record_export.expired' as const,
          entityType: 'record_export',
          entityId: row.id,
          clientId: row.client_id,
          clinicId,
          actor: null,
        })),
        manager,
      );
    });
  }

  /** Discreet: a partner may read the inbox; nothing says what the document is. */
  private async tellClient(clinicId: string, to: string): Promise<void> {
    const mail = composeMail({
      subject: 'A document is ready in your portal',
      greeting: 'Hello,',
      paragraphs: [
        'A document you asked for is ready in your portal. Sign in to download it; it stays there for a week.',
      ],
      action: { label: 'Open your portal', url: `${this.config.publicUrl}/portal` },
    });
    await this.mail.send({ kind: 'document_ready', clinicId, to, ...mail });
  }
}

/** Bound to the row like every sealed value: a zip copied onto another export does not open. */
const archiveContext = (id: string) => sealContext('record_exports', id, 'archive');

function conditionsOf(row: RecordExportRecord) {
  return {
    non_clinical: !row.clinical,
    client_copy: row.audience === 'client',
    released: row.audience === 'client' && row.releasedAt !== null,
  };
}

async function actorOf(manager: EntityManager, userId: string): Promise<AuthenticatedUser> {
  const user = await manager.findOneByOrFail(User, { id: userId });
  return {
    id: user.id,
    role: user.role,
    clinicId: user.clinicId,
    sessionId: 'record-export-job',
    email: user.email,
    displayName: user.displayName,
  };
}

async function clientAddress(manager: EntityManager, clientId: string): Promise<string | null> {
  const [row] = await manager.query<{ email: string | null }[]>(
    `SELECT coalesce(u.email, c.email) AS email
       FROM clients c LEFT JOIN users u ON u.id = c.portal_user_id WHERE c.id = $1`,
    [clientId],
  );
  return row?.email ?? null;
}

function toView(row: RecordExportRecord): RecordExportView {
  return {
    id: row.id,
    clientId: row.clientId,
    audience: row.audience,
    clinical: row.clinical,
    status: row.status,
    progress: { done: row.stepsDone, total: row.stepsTotal },
    requestedAt: row.createdAt.toISOString(),
    releasedAt: row.releasedAt?.toISOString() ?? null,
    readyAt: row.readyAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    bytes: row.bytes,
    error: row.error,
  };
}
