/** Whose copy an export is: the clinic's (what the requester may read) or the client's own. */
export const RECORD_EXPORT_AUDIENCES = ['staff', 'client'] as const;
export type RecordExportAudience = (typeof RECORD_EXPORT_AUDIENCES)[number];

/**
 * `requested`: a client asked and the treating therapist has not released it yet; `queued` and
 * `running`: the job builds it; `ready`: it can be downloaded until `expiresAt`; `expired`: the
 * zip was dropped; `failed`: the build stopped (the row says why, in non-clinical words).
 */
export const RECORD_EXPORT_STATUSES = [
  'requested',
  'queued',
  'running',
  'ready',
  'failed',
  'expired',
] as const;
export type RecordExportStatus = (typeof RECORD_EXPORT_STATUSES)[number];

/** The steps of a build, in order: what the progress bar counts. */
export const RECORD_EXPORT_STEPS = ['record', 'chart', 'tables', 'archive'] as const;

/** How long a finished export can be downloaded before its zip is dropped. */
export const RECORD_EXPORT_VALID_DAYS = 7;

/** One export as staff and the client see it: its state and progress, never its content. */
export interface RecordExportView {
  id: string;
  clientId: string;
  audience: RecordExportAudience;
  clinical: boolean;
  status: RecordExportStatus;
  progress: { done: number; total: number };
  requestedAt: string;
  releasedAt: string | null;
  readyAt: string | null;
  expiresAt: string | null;
  bytes: number | null;
  error: string | null;
}
