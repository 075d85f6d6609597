import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { insertAuditRows } from '../audit/audit-rows';
import type { AuditEvent } from '../audit/entities/audit-event.entity';
import {
  currentRequest,
  runInContext,
  type OpenTransaction,
  type RequestContext,
} from '../http/request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opens the transaction and confines it to the clinic in one round trip (two statements in one
 * simple-protocol message), where START TRANSACTION and a parameterised set_config took two: on
 * a box where PostgreSQL shares the cores, every round trip is CPU on both ends. A simple-protocol
 * message takes no parameters, so the clinic id is written into the text: only ever a UUID
 * (checked here), which needs no quoting beyond the literal's. The runner is told it is in a
 * transaction, as its own startTransaction would, so commit, rollback and savepoints work as
 * before.
 */
async function beginInClinic(runner: QueryRunner, clinicId: string): Promise<void> {
  if (!UUID.test(clinicId)) throw new Error('A clinic id must be a UUID.');
  // What startTransaction records (BaseQueryRunner's fields; only the type calls them read-only).
  Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
  // is_local = true: the setting dies with the transaction, so a pooled connection never
  // carries one clinic's scope into the next borrower's work.
  await runner.query(`START TRANSACTION; SELECT set_config('app.clinic_id', '${clinicId}', true)`);
}

/** Raised when code reaches for the database where no transaction has been opened for it. */
export class NoTransactionError extends Error {
  constructor() {
    super(
      'No database transaction is open here: requests get one from the JWT guard; public ' +
        'routes and jobs open their own with Db.forClinic().',
    );
  }
}

/**
 * The one way services reach PostgreSQL. Every signed-in request runs in one transaction whose
 * `app.clinic_id` setting (SET LOCAL) is the caller's clinic, so row-level security confines
 * every statement to that clinic; the transaction commits when the handler has answered and
 * rolls back on any error, so a request's writes are all-or-nothing. Work outside a request (a
 * sign-in before the account is known, a job, a denial's audit row) opens a transaction of its
 * own with `forClinic`. Statements on one transaction run one after another (a single
 * connection), never in parallel.
 */
@Injectable()
export class Db {
  private readonly logger = new Logger('Database');

  constructor(private readonly dataSource: DataSource) {}

  /** The manager of the transaction this code runs in. */
  get manager(): EntityManager {
    const transaction = currentRequest()?.transaction;
    if (!transaction) throw new NoTransactionError();
    return transaction.runner.manager;
  }

  /** The clinic the current transaction is confined to, if any. */
  get clinicId(): string | null {
    return currentRequest()?.transaction?.clinicId ?? null;
  }

  /**
   * A savepoint inside the current transaction: when `work` throws, only its statements are
   * undone, and the caller may go on (e.g. turn a constraint violation into a 409 that reads what
   * is there now).
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.manager.transaction(work);
  }

  /** Opens the current request's transaction for the caller's clinic (the JWT guard does this). */
  async beginRequest(clinicId: string): Promise<void> {
    const context = currentRequest();
    if (!context) throw new NoTransactionError();
    if (context.transaction) {
      if (context.transaction.clinicId === clinicId) return;
      throw new Error('This request already runs in another clinic.');
    }
    context.transaction = await this.open(clinicId);
  }

  /**
   * Ends the current request's transaction, committing only when the request succeeded, then
   * writes the audit rows that must survive it. Safe to call more than once.
   */
  async endRequest(commit: boolean): Promise<void> {
    const context = currentRequest();
    if (!context) return;
    const transaction = context.transaction;
    context.transaction = undefined;
    try {
      if (transaction) await this.close(transaction, commit);
    } catch (error) {
      context.afterCommit = undefined;
      throw error;
    } finally {
      await this.flushPendingAudit(context);
    }
    this.runAfterCommit(context, commit);
  }

  /**
   * `work` in a transaction of its own, on its own connection, confined to `clinicId` (or, with
   * null, to nothing but the tables and lookups open before sign-in). Commits when `work`
   * returns. Code called inside sees this transaction as `db.manager`.
   */
  async forClinic<T>(
    clinicId: string | null,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const parent = currentRequest();
    const transaction = await this.open(clinicId);
    const context: RequestContext = {
      requestId: parent?.requestId ?? randomUUID(),
      ip: parent?.ip ?? null,
      user: parent?.user && parent.user.clinicId === clinicId ? parent.user : null,
      transaction,
    };
    let succeeded = false;
    let result: T;
    try {
      result = await runInContext(context, () => work(transaction.runner.manager));
      succeeded = true;
    } finally {
      context.transaction = undefined;
      try {
        await this.close(transaction, succeeded);
      } catch (error) {
        succeeded = false;
        throw error;
      } finally {
        await this.flushPendingAudit(context);
        this.runAfterCommit(context, succeeded);
      }
    }
    return result;
  }

  /**
   * Starts `work` once the current transaction has committed, and never if it rolls back: mail
   * about a write must not go out for a write that did not happen, nor hold the transaction (or
   * the answer) while a mail server is slow. `work` runs detached; it handles its own errors.
   * Outside a transaction it starts at once. (A savepoint that rolls back inside a committed
   * transaction does not cancel it: register the work after the savepoint succeeded.)
   */
  afterCommit(work: () => void): void {
    const context = currentRequest();
    if (context?.transaction) (context.afterCommit ??= []).push(work);
    else setImmediate(work);
  }

  /**
   * Keeps an audit row for after the current transaction: it is written in a transaction of
   * its own whether the request commits or rolls back (an access denial must outlive the
   * failed request it caused).
   */
  async keepAfterTransaction(row: AuditEvent): Promise<void> {
    const context = currentRequest();
    if (context?.transaction) (context.pendingAudit ??= []).push(row);
    else await this.writeAudit([row]);
  }

  private async open(clinicId: string | null): Promise<OpenTransaction> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      if (clinicId) await beginInClinic(runner, clinicId);
      else await runner.startTransaction();
      return { runner, clinicId };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      throw error;
    }
  }

  private async close(transaction: OpenTransaction, commit: boolean): Promise<void> {
    const { runner } = transaction;
    try {
      if (runner.isTransactionActive) {
        if (commit) await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }

  private runAfterCommit(context: RequestContext, committed: boolean): void {
    const work = context.afterCommit ?? [];
    context.afterCommit = undefined;
    if (!committed) return;
    for (const item of work) {
      setImmediate(() => {
        try {
          item();
        } catch (error) {
          this.logger.error({
            msg: 'work after commit failed',
            error: error instanceof Error ? error.message : String(error),
          });
        }
      });
    }
  }

  private async flushPendingAudit(context: RequestContext): Promise<void> {
    const rows = (context.pendingAudit ?? []) as AuditEvent[];
    context.pendingAudit = undefined;
    if (rows.length > 0) await this.writeAudit(rows);
  }

  /** Each clinic's rows under that clinic's scope; rows of no clinic with no scope at all. */
  private async writeAudit(rows: AuditEvent[]): Promise<void> {
    const byClinic = new Map<string | null, AuditEvent[]>();
    for (const row of rows) {
      const group = byClinic.get(row.clinicId);
      if (group) group.push(row);
      else byClinic.set(row.clinicId, [row]);
    }
    for (const [clinicId, group] of byClinic) {
      try {
        await this.forClinic(clinicId, (manager) => insertAuditRows(manager, group));
      } catch (error) {
        // The request's answer stands; a lost audit row must at least be loud in the log.
        this.logger.error({
          msg: 'audit rows could not be written',
          count: group.length,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}
