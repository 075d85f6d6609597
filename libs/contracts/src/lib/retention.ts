import type { ClientStatus, TherapistRef } from './clients';
import type { Page } from './paging';

/**
 * A clinic's retention period: how many years a closed client file is kept before it is listed
 * for review. Cairn never deletes a clinical record; the list only tells an admin which files
 * the clinic's own policy may let it dispose of (by a decision made outside Cairn).
 */
export const RETENTION_YEARS = { default: 7, min: 6, max: 100 } as const;

/** Age below which a person is a minor for the "longer for minors" rule of many state laws. */
export const MINOR_AGE = 18;

/** A closed file past the period: who, when it was last active; never anything clinical. */
export interface RetentionFile {
  clientId: string;
  legalName: string;
  preferredName: string | null;
  status: ClientStatus;
  dateOfBirth: string | null;
  primaryTherapist: TherapistRef | null;
  /** Clinic date of the last thing that happened on the file (any record, any change). */
  lastActivityOn: string;
  /** Under MINOR_AGE on that date: state law often keeps a minor's records longer. */
  minorAtLastActivity: boolean;
}

export interface RetentionReview extends Page<RetentionFile> {
  retentionYears: number;
  /** Files whose last activity is before this clinic date are past the period. */
  cutoffOn: string;
}

export interface RetentionPolicy {
  retentionYears: number;
}

export interface RetentionQuery {
  page?: number;
  pageSize?: number;
}
