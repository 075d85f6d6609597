/**
 * What a dump holds once opened and decompressed: a sequence of frames, each
 * `kind (1 byte) | length (4, big-endian) | payload`.
 *
 *   H  header (JSON: format, schema version, tables and their columns, sequences)
 *   T  a table starts (JSON: its name)
 *   D  rows of the current table, as PostgreSQL's COPY text format
 *   E  the current table ends (JSON: how many rows it had)
 *   Z  the end, with the manifest (JSON); nothing may follow it
 *
 * COPY's text format is the one PostgreSQL reads back on any version, so a dump taken on the
 * embedded PostgreSQL 17 restores on a 15 server and back.
 */
export type FrameKind = 'H' | 'T' | 'D' | 'E' | 'Z';

export interface Frame {
  kind: FrameKind;
  payload: Buffer;
}

const KINDS = new Set<string>(['H', 'T', 'D', 'E', 'Z']);

export function frame(kind: FrameKind, payload: Buffer | object): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload), 'utf8');
  const head = Buffer.alloc(5);
  head.write(kind, 0, 'ascii');
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Splits a byte stream into frames; a stream that ends inside a frame is refused. */
export async function* readFrames(source: AsyncIterable<Buffer>): AsyncGenerator<Frame> {
  let buffer: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    while (buffer.length >= 5) {
      const kind = String.fromCharCode(buffer[0] ?? 0);
      if (!KINDS.has(kind)) throw new Error(`The dump holds an unknown record ("${kind}").`);
      const length = buffer.readUInt32BE(1);
      if (buffer.length < 5 + length) break;
      yield { kind: kind as FrameKind, payload: buffer.subarray(5, 5 + length) };
      buffer = buffer.subarray(5 + length);
    }
  }
  if (buffer.length > 0) throw new Error('The dump ends in the middle of a record.');
}

export function parseJson<T>(payload: Buffer): T {
  return JSON.parse(payload.toString('utf8')) as T;
}
