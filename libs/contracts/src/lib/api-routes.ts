/**
 * Every HTTP route of the API, written once. The API mounts them under `/api`; the client builds
 * URLs from the same strings, so a renamed route breaks the build rather than a page.
 */
export const API_PREFIX = 'api';

export const ApiRoutes = {
  health: 'health',
  auth: {
    login: 'auth/login',
    refresh: 'auth/refresh',
    logout: 'auth/logout',
    me: 'auth/me',
    password: 'auth/password',
    acceptInvite: 'auth/accept-invite',
    passwordReset: 'auth/password-reset',
    passwordResetConfirm: 'auth/password-reset/confirm',
    emailChange: 'auth/email-change',
    emailChangeConfirm: 'auth/email-change/confirm',
    mfaVerify: 'auth/mfa/verify',
    mfaEnrol: 'auth/mfa/enrol',
    mfaEnrolConfirm: 'auth/mfa/enrol/confirm',
    mfaPasskeyOptions: 'auth/mfa/passkey/options',
    mfaPasskey: 'auth/mfa/passkey',
  },
  account: {
    mfa: 'account/mfa',
    totp: 'account/mfa/totp',
    totpConfirm: 'account/mfa/totp/confirm',
    recoveryCodes: 'account/mfa/recovery-codes',
    passkeys: 'account/mfa/passkeys',
    passkeyOptions: 'account/mfa/passkeys/options',
    passkey: 'account/mfa/passkeys/:id',
    sessions: 'account/sessions',
    session: 'account/sessions/:id',
    otherSessions: 'account/sessions/others',
  },
  mfaPolicy: 'clinic/mfa-policy',
  staffSecurity: {
    list: 'staff-security',
    resetMfa: 'staff-security/:id/mfa-reset',
  },
  me: 'me',
  myReminderConsent: 'me/reminder-consent',
  myHomeworkNudges: 'me/homework-nudges',
  myMessagePreferences: 'me/message-preferences',
  messages: {
    list: 'messages',
    retry: 'messages/:id/retry',
    settings: 'messages/settings',
    clientConsent: 'clients/:id/reminder-consent',
    clientMessages: 'clients/:id/messages',
  },
  myCrisisResources: 'me/crisis-resources',
  myAssessments: {
    list: 'me/assessments',
    one: 'me/assessments/:id',
    answers: 'me/assessments/:id/answers',
    complete: 'me/assessments/:id/complete',
  },
  instruments: {
    list: 'instruments',
    one: 'instruments/:code',
    fhir: 'instruments/:code/fhir',
  },
  assessments: {
    forClient: 'clients/:id/assessments',
    measures: 'clients/:id/measures',
    riskFlags: 'clients/:id/risk-flags',
    schedules: 'clients/:id/measurement-schedules',
    schedule: 'measurement-schedules/:id',
    one: 'assessments/:id',
    answers: 'assessments/:id/answers',
    complete: 'assessments/:id/complete',
    cancel: 'assessments/:id/cancel',
    share: 'assessments/:id/share',
    acknowledgeRisk: 'assessments/:id/acknowledge-risk',
    fhir: 'assessments/:id/fhir',
  },
  /** The FHIR R4 base (`/api/fhir`): resources as `application/fhir+json`. */
  fhir: {
    metadata: 'fhir/metadata',
    patient: 'fhir/Patient/:id',
    practitioner: 'fhir/Practitioner/:id',
    everything: 'fhir/Patient/:id/$everything',
    observations: 'fhir/Observation',
    flags: 'fhir/Flag',
    questionnaire: 'fhir/Questionnaire/:id',
    questionnaireResponse: 'fhir/QuestionnaireResponse/:id',
  },
  /** A client's whole record as one zip. */
  recordExport: 'clients/:id/record-export',
  /** The same zip built as a job: requested, followed, downloaded; and the client's own copy. */
  recordExports: {
    forClient: 'clients/:id/record-exports',
    one: 'record-exports/:id',
    release: 'record-exports/:id/release',
    download: 'record-exports/:id/download',
    mine: 'me/record-exports',
  },
  notes: {
    forClient: 'clients/:id/notes',
    one: 'notes/:id',
    sign: 'notes/:id/sign',
    addenda: 'notes/:id/addenda',
    pdf: 'notes/:id/pdf',
    templates: 'note-templates',
    missing: 'clients/:id/missing-notes',
  },
  progress: 'clients/:id/progress',
  reports: {
    forClient: 'clients/:id/reports',
    one: 'reports/:id',
    finalize: 'reports/:id/finalize',
    pdf: 'reports/:id/pdf',
    mine: 'me/reports',
  },
  dashboard: {
    caseload: 'dashboard/caseload',
  },
  homework: {
    templates: 'homework-templates',
    forClient: 'clients/:id/homework',
    one: 'homework/:id',
    entries: 'homework/:id/entries',
    mine: 'me/homework',
    myEntries: 'me/homework/:id/entries',
    myEntry: 'me/homework-entries/:id',
  },
  readings: {
    list: 'readings',
    one: 'readings/:key',
  },
  safety: {
    forClient: 'clients/:id/safety',
    screens: 'clients/:id/safety-screens',
    screen: 'safety-screens/:id',
    answers: 'safety-screens/:id/answers',
    complete: 'safety-screens/:id/complete',
    cancel: 'safety-screens/:id/cancel',
    decision: 'clients/:id/safety/decision',
    mine: 'me/safety-screens',
    myScreen: 'me/safety-screens/:id',
    myAnswers: 'me/safety-screens/:id/answers',
    myComplete: 'me/safety-screens/:id/complete',
  },
  auditEvents: 'audit-events',
  auditEventsExport: 'audit-events/export',
  clinicSettings: 'clinic/settings',
  retention: {
    files: 'retention/files',
    policy: 'retention/policy',
  },
  clients: {
    list: 'clients',
    importPreview: 'clients/import/preview',
    import: 'clients/import',
    importTemplate: 'clients/import/template',
    one: 'clients/:id',
    assign: 'clients/:id/assign',
    portalInvite: 'clients/:id/portal-invite',
    partner: 'clients/:id/partner',
    timeline: 'clients/:id/timeline',
    timelineEvent: 'clients/:id/timeline/:eventId',
    phase: 'clients/:id/phase',
  },
  scheduling: {
    availability: 'therapists/:id/availability',
    calendarFeed: 'therapists/:id/calendar-feed',
    appointments: 'appointments',
    appointment: 'appointments/:id',
    cancel: 'appointments/:id/cancel',
    /** "This and following": change or cancel the rest of a series from this appointment on. */
    following: 'appointments/:id/following',
    cancelFollowing: 'appointments/:id/cancel-following',
    complete: 'appointments/:id/complete',
    noShow: 'appointments/:id/no-show',
    convertProspect: 'appointments/:id/convert-prospect',
    slots: 'scheduling/slots',
    mine: 'me/appointments',
    feed: 'calendar/:token.ics',
  },
  staff: {
    list: 'staff',
    one: 'staff/:id',
    invite: 'staff/:id/invite',
  },
} as const;

/** Builds `/api/...` from a route template, filling `:name` segments with encoded values. */
export function apiUrl(template: string, params: Record<string, string> = {}): string {
  const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new Error(`Missing route parameter "${name}" for ${template}`);
    }
    return encodeURIComponent(value);
  });
  return `/${API_PREFIX}/${path}`;
}
