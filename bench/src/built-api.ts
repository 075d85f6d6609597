/**
 * The pieces of the built API (dist/api) the benchmark reuses, so it seeds and starts exactly what
 * `npm start` runs. Loaded at run time: the bench is its own project and does not compile the API.
 */
import type { Answers } from '@cairn/contracts';
import type { InstrumentDefinition, ScoreResult } from '@cairn/instruments';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The repository root (this file runs from dist/bench/bench/src). */
export const ROOT = path.resolve(__dirname, '../../../..');
export const API_MAIN = path.join(ROOT, 'dist/api/api/src/main.js');

const load = createRequire(API_MAIN);

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
  const passwords = new hasher.PasswordHasher();
  return {
    startEmbeddedPostgres: (options) => embedded.startEmbeddedPostgres(options),
    hashPassword: (password) => passwords.hash(password),
    findInstrument: (code) => instruments.findInstrument(code),
    scoreAnswers: (definition, answers) => instruments.scoreAnswers(definition, answers),
    toResult: (definition, score) => views.toResult(definition, score),
    syncHomeworkLibrary: (db, clinicId) => library.syncHomeworkLibrary(db, clinicId),
  };
}
