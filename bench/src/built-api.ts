/**
 * The pieces of the built API (dist/api) the benchmark reuses, so it seeds and starts exactly what
 * `npm start` runs. Loaded at run time: the bench is its own project and does not compile the API.
 */
import type { Answers } from '@cairn/contracts';
import type { InstrumentDefinition, ScoreResult } from '@cairn/instruments';
import type { ClientBase } from 'pg';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The repository root (this file runs from dist/bench/bench/src). */
export const ROOT = path.resolve(__dirname, '../../../..');
export const API_MAIN = path.join(ROOT, 'dist/api/api/src/main.js');

const load = createRequire(API_MAIN);

/** The API's FieldCipher: seals text bound to its context (`<table>:<id>:<column>`). */
export interface Sealer {
  seal(plaintext: string, context: string): { keyId: string; data: Buffer };
}

/** What a signed note's hash covers (the API's hashOfNote). */
export interface NoteFacts {
  id: string;
  clientId: string;
  authorId: string;
  kind: string;
  templateCode: string;
  serviceType: string;
  cptCode: string | null;
  sessionAt: Date;
  durationMinutes: number;
}

export interface BuiltApi {
  startEmbeddedPostgres(options: {
    directory: string;
    port: number;
    password: string;
    database: string;
    log?: (line: string) => void;
  }): Promise<{ url: string; stop(): Promise<void> }>;
  hashPassword(password: string): Promise<string>;
  findInstrument(code: string): InstrumentDefinition | undefined;
  scoreAnswers(definition: InstrumentDefinition, answers: Answers): ScoreResult;
  toResult(definition: InstrumentDefinition, score: ScoreResult): unknown;
  /**
   * The API's sealing step (as at start-up): the bench writes its history with plain SQL into
   * the clear columns, and this seals it with FieldCipher exactly as the API does.
   */
  sealClearValues(db: ClientBase, encryptionKeys: string): Promise<Record<string, number>>;
  /** A FieldCipher on these keys, as the API builds it from ENCRYPTION_KEYS. */
  sealer(encryptionKeys: string): Sealer;
  hashOfNote(note: NoteFacts, signedAt: Date, content: Record<string, string>): string;
  /** The owner role's URL for a superuser URL, as the API derives it (sealing runs as the owner). */
  ownerUrl(superuserUrl: string): Promise<string>;
  /** The role the API runs as (row-level security binds it), as the API derives it. */
  runtimeUrl(superuserUrl: string): Promise<string>;
  /** `npm run keys:reseal`'s work: every value under an older key re-sealed with the first. */
  resealAll(
    db: ClientBase,
    encryptionKeys: string,
  ): Promise<{ columns: Record<string, { resealed: number }> }>;
  /** The API's own library sync, as clinic creation runs it. */
  syncHomeworkLibrary(
    db: { query(sql: string, params: unknown[]): Promise<unknown> },
    clinicId: string,
  ): Promise<void>;
}

export function builtApi(): BuiltApi {
  const embedded = load('./database/embedded-postgres') as Pick<BuiltApi, 'startEmbeddedPostgres'>;
  const hasher = load('./auth/password-hasher') as {
    PasswordHasher: new () => { hash(password: string): Promise<string> };
  };
  const instruments = load('../../libs/instruments/src/index') as Pick<
    BuiltApi,
    'findInstrument' | 'scoreAnswers'
  >;
  const views = load('./assessments/assessment-views') as Pick<BuiltApi, 'toResult'>;
  const library = load('./homework/homework-templates.service') as Pick<
    BuiltApi,
    'syncHomeworkLibrary'
  >;
  const sealing = load('./crypto/resealing') as {
    clientTransactions(db: ClientBase): unknown;
    sealClearValues(transactions: unknown, cipher: unknown): Promise<Record<string, number>>;
    resealAll(
      transactions: unknown,
      keys: unknown,
    ): Promise<{ columns: Record<string, { resealed: number }> }>;
  };
  const config = load('./config/app-config') as { parseEncryptionKeys(raw: string): unknown };
  const crypto = load('./crypto/field-cipher') as { FieldCipher: new (keys: unknown) => Sealer };
  const notes = load('./notes/note-hash') as Pick<BuiltApi, 'hashOfNote'>;
  const roles = load('./database/database-roles') as {
    prepareDatabaseRoles(
      url: string,
      migrationsUrl: null,
    ): Promise<{ ownerUrl: string; runtimeUrl: string }>;
  };
  // Entities register which of their fields are sealed.
  load('./database/entities');
  const passwords = new hasher.PasswordHasher();
  return {
    startEmbeddedPostgres: (options) => embedded.startEmbeddedPostgres(options),
    hashPassword: (password) => passwords.hash(password),
    findInstrument: (code) => instruments.findInstrument(code),
    scoreAnswers: (definition, answers) => instruments.scoreAnswers(definition, answers),
    toResult: (definition, score) => views.toResult(definition, score),
    syncHomeworkLibrary: (db, clinicId) => library.syncHomeworkLibrary(db, clinicId),
    sealClearValues: (db, keys) =>
      sealing.sealClearValues(
        sealing.clientTransactions(db),
        new crypto.FieldCipher(config.parseEncryptionKeys(keys)),
      ),
    sealer: (keys) => new crypto.FieldCipher(config.parseEncryptionKeys(keys)),
    hashOfNote: (note, signedAt, content) => notes.hashOfNote(note, signedAt, content),
    ownerUrl: async (url) => (await roles.prepareDatabaseRoles(url, null)).ownerUrl,
    runtimeUrl: async (url) => (await roles.prepareDatabaseRoles(url, null)).runtimeUrl,
    resealAll: (db, keys) =>
      sealing.resealAll(sealing.clientTransactions(db), config.parseEncryptionKeys(keys)),
  };
}
