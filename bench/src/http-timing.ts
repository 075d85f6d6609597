import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** A request the benchmark gave up on (BENCH_REQUEST_TIMEOUT_S). */
export class RequestTimeout extends Error {}

let timeoutMs = 0;
/** From now on a request not answered within `ms` (0: never) fails with RequestTimeout. */
export function setRequestTimeout(ms: number): void {
  timeoutMs = ms;
}

export interface Timed {
  status: number;
  body: Buffer;
  ms: number;
}

/**
 * One request over a kept-alive connection, timed from send to the last byte of the body. A
 * server may close an idle kept-alive connection just as a request goes out on it (the API's
 * keep-alive timeout is 5 s, and a long baseline row leaves its connections idle that long): that
 * request never reached the server, so it is sent again once, on a new connection.
 */
export async function request(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  json?: unknown,
): Promise<Timed> {
  try {
    return await requestOnce(port, method, path, headers, json);
  } catch (error) {
    if (!(error instanceof StaleConnection)) throw error;
    return requestOnce(port, method, path, headers, json);
  }
}

class StaleConnection extends Error {}

function requestOnce(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  json?: unknown,
): Promise<Timed> {
  const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: payload
          ? { ...headers, 'content-type': 'application/json', 'content-length': payload.length }
          : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        req.reusedSocket && error.code === 'ECONNRESET'
          ? new StaleConnection(error.message)
          : error,
      ),
    );
    if (timeoutMs > 0) {
      req.setTimeout(timeoutMs, () => {
        reject(new RequestTimeout(`${method} ${path}: no answer within ${timeoutMs / 1000} s`));
        req.destroy();
      });
    }
    req.end(payload);
  });
}

/** Throws with the body when the status is not the expected one, so a broken run never times errors. */
export function expectStatus(result: Timed, expected: number, what: string): Timed {
  if (result.status !== expected) {
    throw new Error(`${what}: HTTP ${result.status} ${result.body.toString('utf8').slice(0, 300)}`);
  }
  return result;
}

export interface Summary {
  runs: number;
  median: number;
  p95: number;
  p99: number;
}

export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { runs: sorted.length, median: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** Warm-up runs (not kept), then `runs` timed runs one after another. */
export async function repeat(
  warmUp: number,
  runs: number,
  once: () => Promise<Timed>,
): Promise<{ summary: Summary; last: Timed }> {
  for (let i = 0; i < warmUp; i++) await once();
  const samples: number[] = [];
  let last: Timed | undefined;
  for (let i = 0; i < runs; i++) {
    last = await once();
    samples.push(last.ms);
  }
  if (!last) throw new Error('repeat: no runs');
  return { summary: summarise(samples), last };
}

export interface Throughput {
  requestsPerSecond: number;
  latency: Summary;
  /** What the figures above were made from, to merge rounds of one row. */
  seconds: number;
  samples: number[];
}

/** Rounds of one row (run apart, see main.ts) as one: all their requests over all their time. */
export function mergeThroughput(rounds: Throughput[]): Throughput {
  const samples = rounds.flatMap((round) => round.samples);
  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
  return {
    requestsPerSecond: samples.length / seconds,
    latency: summarise(samples),
    seconds,
    samples,
  };
}

/** `total` requests with `concurrency` in flight at a time: requests per second and latency. */
export async function load(
  concurrency: number,
  total: number,
  once: () => Promise<Timed>,
): Promise<Throughput> {
  const samples: number[] = [];
  let started = 0;
  const begin = process.hrtime.bigint();
  const worker = async () => {
    while (started < total) {
      started++;
      const result = await once();
      if (result.status !== 200) throw new Error(`load: HTTP ${result.status}`);
      samples.push(result.ms);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  return { requestsPerSecond: total / seconds, latency: summarise(samples), seconds, samples };
}

/**
 * Closes the kept-alive connections: after a pause longer than the server's keep-alive timeout
 * (work done in this process), a reused socket could be closing under the next request.
 */
export function dropIdleConnections(): void {
  agent.destroy();
}
