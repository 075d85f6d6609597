import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import PgBoss from 'pg-boss';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { DEAD_LETTER_QUEUE, DISPATCH_QUEUE, JOB_SCHEMA } from './job-queue-install';

/** What a worker runs for one queue. */
export type JobHandler = () => Promise<unknown>;

/**
 * pg-boss as the runtime role, on the app's own database URL. It never migrates (the owner
 * installed it at start-up). With workers on, this process also runs the registered handlers
 * and wakes the dispatcher every tick; with `WORKERS=off` it only sends wake-ups.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss: PgBoss | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private readonly handlers = new Map<string, JobHandler>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  /** Registers the handler a worker runs for `queue` (before the app has started). */
  register(queue: string, handler: JobHandler): void {
    this.handlers.set(queue, handler);
  }

  get workersOn(): boolean {
    return this.config.jobs.workers;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Tests that do not ask for workers need no queue at all: nothing would take the jobs.
    if (!this.workersOn && this.config.env === 'test') return;
    const options = this.dataSource.options as { url?: string };
    const boss = new PgBoss({
      connectionString: options.url,
      schema: JOB_SCHEMA,
      max: 3,
      migrate: false,
      supervise: this.workersOn,
      schedule: false,
    });
    boss.on('error', (error: Error) =>
      this.logger.error({ msg: 'job queue error', error: error.message }),
    );
    await boss.start();
    this.boss = boss;
    if (!this.workersOn) return;
    for (const [queue, handler] of this.handlers) {
      await boss.work(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async () => {
        await handler();
      });
    }
    this.ticker = setInterval(() => void this.wakeAll(), this.config.jobs.tickMs);
    this.ticker.unref();
    this.logger.log(`Workers running: ${[...this.handlers.keys()].join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, wait: true, timeout: 5_000 });
    // pg-boss checks once a second, on a loop of its own, that the stopped workers have stopped,
    // and that loop outlives stop(): let its last check run before the process (or a test file)
    // is torn down, rather than leave a timer that fires into a closed environment.
    if (boss && this.workersOn) await new Promise((resolve) => setTimeout(resolve, 1_100));
  }

  /** Wakes every registered queue's worker (the tick, and tests after moving the clock). */
  async wakeAll(): Promise<void> {
    for (const queue of this.handlers.keys()) await this.wake(queue);
  }

  /** Asks a worker to run `queue` now (a no-op while one wake-up is already waiting). */
  async wake(queue = DISPATCH_QUEUE): Promise<void> {
    try {
      await this.boss?.send(queue, {});
    } catch (error) {
      this.logger.warn({ msg: 'could not wake the dispatcher', error: String(error) });
    }
  }

  /** Records a message that failed its last try in the dead-letter queue. */
  async deadLetter(data: { clinicId: string; plannedMessageId: string }): Promise<void> {
    try {
      await this.boss?.send(DEAD_LETTER_QUEUE, data);
    } catch (error) {
      this.logger.warn({ msg: 'could not dead-letter a message', error: String(error) });
    }
  }
}
