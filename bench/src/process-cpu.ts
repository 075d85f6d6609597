import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every common kernel). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used so far, in ms. Unlike throughput, CPU per request
 * hardly moves when other work shares the machine, so it compares the API with the baseline
 * even on a busy box.
 */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: the fields after it start past its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** `run`'s result and the CPU ms `pid` spent while it ran. */
export async function cpuWhile<T>(pid: number, run: () => Promise<T>): Promise<[T, number]> {
  const before = cpuMs(pid);
  const result = await run();
  return [result, cpuMs(pid) - before];
}
