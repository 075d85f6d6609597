import { signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody, NoteDetail, SaveNoteRequest } from '@cairn/contracts';
import { errorMessage } from '../../shared/api-error';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';

/**
 * Saves a draft shortly after the last keystroke, one save at a time, always carrying the version
 * the server last confirmed. When another tab saved first the server answers 409 with its copy:
 * the state becomes `conflict` and nothing is overwritten until the therapist chooses.
 */
export class NoteAutosave {
  readonly state = signal<SaveState>('saved');
  readonly problem = signal<string | null>(null);
  /** The newer copy the server holds, after a conflict. */
  readonly newer = signal<NoteDetail | null>(null);

  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  /** Edits counted, so an edit made while a save travels is known to be unsaved after it. */
  private edits = 0;

  constructor(
    private version: number,
    private readonly draft: () => Omit<SaveNoteRequest, 'version'>,
    private readonly send: (request: SaveNoteRequest) => Promise<NoteDetail>,
    private readonly saved: (note: NoteDetail) => void,
    private readonly delayMs = 1200,
  ) {}

  get currentVersion(): number {
    return this.version;
  }

  /** Call on every edit. */
  changed(): void {
    if (this.state() === 'conflict') return;
    this.edits++;
    if (this.state() !== 'saving') this.state.set('unsaved');
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves now if anything is unsaved, and resolves once the server has it (or refused it). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight) {
      this.again = true;
      await this.inFlight;
      return;
    }
    if (this.state() !== 'unsaved' && this.state() !== 'error') return;
    this.inFlight = this.saveOnce();
    await this.inFlight;
    this.inFlight = null;
    if (this.again) {
      this.again = false;
      await this.flush();
    }
  }

  /** After a conflict: continue from the server's copy (this tab's edits are dropped). */
  adopt(note: NoteDetail): void {
    this.version = note.version;
    this.newer.set(null);
    this.problem.set(null);
    this.state.set('saved');
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private async saveOnce(): Promise<void> {
    this.state.set('saving');
    const editsSent = this.edits;
    try {
      const note = await this.send({ version: this.version, ...this.draft() });
      this.version = note.version;
      this.problem.set(null);
      // Edits made while the request travelled are still unsaved (their timer saves them).
      this.state.set(this.edits > editsSent ? 'unsaved' : 'saved');
      this.saved(note);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409) {
        const body = error.error as (ApiErrorBody & { current?: NoteDetail }) | null;
        this.newer.set(body?.current ?? null);
        this.problem.set(errorMessage(error));
        this.state.set('conflict');
      } else {
        this.problem.set(
          errorMessage(error, 'The note could not be saved. Your text is still here.'),
        );
        this.state.set('error');
      }
    }
  }
}
