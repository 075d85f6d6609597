import { Injectable } from '@nestjs/common';
import type { Role } from '@cairn/contracts';
import { Db } from './db.service';

export interface SignInCandidate {
  userId: string;
  clinicId: string;
  role: Role;
  passwordHash: string | null;
  isActive: boolean;
}

/** Whose a secret token is: the row it belongs to and that row's clinic. */
export interface TokenOwner {
  id: string;
  clinicId: string;
}

/**
 * The lookups made before anyone is signed in, when no clinic scope can be set yet. Each is a
 * SECURITY DEFINER function in PostgreSQL (TenantIsolation migration) that answers one row's
 * few columns by email or by token hash; everything after it runs scoped to the clinic found.
 */
@Injectable()
export class PreAuthLookups {
  constructor(private readonly db: Db) {}

  async signIn(email: string): Promise<SignInCandidate | null> {
    const rows = await this.call<{
      user_id: string;
      clinic_id: string;
      role: Role;
      password_hash: string | null;
      is_active: boolean;
    }>('SELECT * FROM lookup_sign_in($1)', email);
    const row = rows[0];
    return row
      ? {
          userId: row.user_id,
          clinicId: row.clinic_id,
          role: row.role,
          passwordHash: row.password_hash,
          isActive: row.is_active,
        }
      : null;
  }

  /** The session a refresh token belongs to. */
  async refreshToken(tokenHash: string): Promise<TokenOwner | null> {
    return this.owner(
      'SELECT session_id AS id, clinic_id FROM lookup_refresh_token($1)',
      tokenHash,
    );
  }

  async invite(tokenHash: string): Promise<TokenOwner | null> {
    return this.owner('SELECT invite_id AS id, clinic_id FROM lookup_invite($1)', tokenHash);
  }

  /** The pending second sign-in step a challenge token belongs to. */
  async mfaChallenge(tokenHash: string): Promise<TokenOwner | null> {
    return this.owner(
      'SELECT challenge_id AS id, clinic_id FROM lookup_mfa_challenge($1)',
      tokenHash,
    );
  }

  /** The password reset link a secret belongs to. */
  async passwordReset(tokenHash: string): Promise<TokenOwner | null> {
    return this.owner('SELECT reset_id AS id, clinic_id FROM lookup_password_reset($1)', tokenHash);
  }

  /** The pending email change a confirmation secret belongs to. */
  async emailChange(tokenHash: string): Promise<TokenOwner | null> {
    return this.owner('SELECT change_id AS id, clinic_id FROM lookup_email_change($1)', tokenHash);
  }

  /** The therapist whose calendar feed a token opens. */
  async calendarFeed(tokenHash: string): Promise<TokenOwner | null> {
    return this.owner(
      'SELECT therapist_id AS id, clinic_id FROM lookup_calendar_feed($1)',
      tokenHash,
    );
  }

  /** Every clinic's id, for work that goes clinic by clinic. */
  async clinicIds(): Promise<string[]> {
    const rows = await this.db.forClinic(null, (manager) =>
      manager.query<{ id: string }[]>('SELECT id FROM clinic_ids() AS id'),
    );
    return rows.map((row) => row.id);
  }

  private async owner(sql: string, value: string): Promise<TokenOwner | null> {
    const row = (await this.call<{ id: string; clinic_id: string }>(sql, value))[0];
    return row ? { id: row.id, clinicId: row.clinic_id } : null;
  }

  private call<T>(sql: string, value: string): Promise<T[]> {
    return this.db.forClinic(null, (manager) => manager.query<T[]>(sql, [value]));
  }
}
