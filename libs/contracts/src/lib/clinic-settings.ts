/**
 * A clinic's own settings: its letterhead, time zone, paper, the crisis resources its clients
 * see, the name its emails come from, and how soon an idle session signs out. Admins change them;
 * every staff member's session carries what it needs of them (name, time zone, idle time-out).
 */
export const PAPER_SIZES = ['letter', 'a4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export const PAPER_SIZE_LABELS: Record<PaperSize, string> = {
  letter: 'US Letter (8.5 × 11 in)',
  a4: 'A4 (210 × 297 mm)',
};

/**
 * Minutes without input before the browser signs a person out. At most 30: the server ends a
 * session 30 minutes after its last use whatever the clinic says (OWASP ASVS 3.3.2, level 2);
 * at least 5, so the one-minute warning leaves time to work between warnings.
 */
export const IDLE_TIMEOUT_MINUTES = { default: 15, min: 5, max: 30 } as const;

/** The longest text each field takes. */
export const CLINIC_SETTINGS_MAX = {
  name: 200,
  address: 500,
  phone: 40,
  senderName: 100,
  crisisResources: 4000,
} as const;

export interface ClinicSettings {
  /** The clinic's name: the letterhead's first line, and the default sender name. */
  name: string;
  /** Postal address on the letterhead, lines as typed; null when not given. */
  address: string | null;
  /** Phone on the letterhead; null when not given. */
  phone: string | null;
  /** IANA time zone; the clinic's days, hours and printed dates are read in it. */
  timeZone: string;
  /** Page size of every PDF the clinic prints. */
  paperSize: PaperSize;
  /**
   * What a client sees under "If you need help now" and beside an answer that needs it: one
   * resource per paragraph (a blank line between), its name on the first line, how to reach it
   * on the second, what it is after that. Phone numbers after "call" or "text" become links a
   * phone can dial. Empty: clients see a neutral text pointing to local emergency services.
   */
  crisisResources: string;
  /** The name emails to clients and staff come from. */
  senderName: string;
  idleTimeoutMinutes: number;
}

export type UpdateClinicSettingsRequest = ClinicSettings;

export interface ClinicSettingsView extends ClinicSettings {
  /** True while the clinic has no crisis resources of its own: the admin is warned. */
  crisisResourcesMissing: boolean;
}
