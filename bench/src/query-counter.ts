/**
 * Loaded into the API process with `node --require`: records every statement sent through `pg`
 * (TypeORM's driver included), so the benchmark can say how many queries a request costs and the
 * baseline can replay exactly the same SQL. Driven over the IPC channel of `fork()`.
 */
import { Client } from 'pg';

export interface RecordedStatement {
  text: string;
  values: unknown[];
}

export type CounterMessage = 'queries:reset' | 'queries:take';

let recorded: RecordedStatement[] = [];
/**
 * Only between `queries:reset` and `queries:take`: recording every statement for the whole run
 * kept each load row's thousands of statements (SQL text and values) in the API's heap, about
 * 100 MB of the RSS the load rows measure.
 */
let recording = false;

// Kept unbound on purpose: it is called back with the client as `this`.
// eslint-disable-next-line @typescript-eslint/unbound-method
const original = Client.prototype.query;
Client.prototype.query = function recordingQuery(this: Client, ...args: unknown[]): unknown {
  const [first, second] = args;
  const config =
    typeof first === 'object' && first !== null ? (first as Partial<RecordedStatement>) : {};
  if (recording) {
    recorded.push({
      text: typeof first === 'string' ? first : (config.text ?? ''),
      values: Array.isArray(second) ? (second as unknown[]) : (config.values ?? []),
    });
  }
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof original;

process.on('message', (message: CounterMessage) => {
  if (message === 'queries:take') process.send?.({ statements: recorded });
  recorded = [];
  recording = message === 'queries:reset';
});
