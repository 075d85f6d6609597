import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { EncryptionKeys } from '../config/app-config';
import { DumpIntegrityError, DumpOpener } from './dump-cipher';
import { parseJson, readFrames, type Frame } from './dump-frames';
import {
  DUMP_FORMAT,
  DUMP_FORMAT_VERSION,
  type DumpHeader,
  type DumpManifest,
} from './dump-manifest';

export interface VerifiedDump {
  header: DumpHeader;
  manifest: DumpManifest;
  bytes: number;
  sha256: string;
}

/**
 * Streams a dump through `consume` as frames, opened with the backup key and decompressed. Any
 * altered, missing or extra byte fails the stream (and so whatever `consume` was doing).
 */
export async function streamDump(
  dumpPath: string,
  keys: EncryptionKeys,
  consume: (frames: AsyncGenerator<Frame>) => Promise<void>,
  onBytes: (chunk: Buffer) => void = () => undefined,
): Promise<void> {
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      createReadStream(dumpPath),
      tap,
      new DumpOpener(keys),
      createGunzip(),
      (source: AsyncIterable<Buffer>) => consume(readFrames(source)),
    );
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('Z_')) {
      // Authenticated bytes that do not decompress: sealed by someone holding the key, but not
      // by Cairn's backup.
      throw new DumpIntegrityError(`The dump's content is damaged (${error.message}).`);
    }
    throw error;
  }
}

/**
 * Reads the whole dump once without touching any database: proves it opens with the backup key
 * and is whole, and returns its header and manifest. Restore runs this first, so a damaged or
 * foreign file is refused before anything is created.
 */
export async function verifyDump(dumpPath: string, keys: EncryptionKeys): Promise<VerifiedDump> {
  const hash = createHash('sha256');
  let bytes = 0;
  const found: { header?: DumpHeader; manifest?: DumpManifest } = {};
  const rows = new Map<string, number>();
  await streamDump(
    dumpPath,
    keys,
    async (frames) => {
      let table: string | null = null;
      for await (const { kind, payload } of frames) {
        if (found.manifest) throw new DumpIntegrityError('The dump has records after its end.');
        if (!found.header && kind !== 'H') throw new DumpIntegrityError('The dump has no header.');
        switch (kind) {
          case 'H':
            if (found.header) throw new DumpIntegrityError('The dump has two headers.');
            found.header = checkHeader(parseJson<DumpHeader>(payload));
            break;
          case 'T':
            if (table) throw new DumpIntegrityError(`The dump's table ${table} never ends.`);
            table = parseJson<{ name: string }>(payload).name;
            break;
          case 'D':
            if (!table) throw new DumpIntegrityError('The dump has rows outside a table.');
            break;
          case 'E':
            if (!table) throw new DumpIntegrityError('The dump ends a table it never began.');
            rows.set(table, parseJson<{ rows: number }>(payload).rows);
            table = null;
            break;
          case 'Z':
            if (table) throw new DumpIntegrityError(`The dump's table ${table} never ends.`);
            found.manifest = parseJson<DumpManifest>(payload);
            break;
        }
      }
    },
    (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
    },
  );
  const { header, manifest } = found;
  if (!header || !manifest) throw new DumpIntegrityError('The dump is incomplete.');
  for (const { name } of header.tables) {
    if (rows.get(name) !== manifest.tables[name]) {
      throw new DumpIntegrityError(`The dump's row count for ${name} disagrees with its manifest.`);
    }
  }
  return { header, manifest, bytes, sha256: hash.digest('hex') };
}

function checkHeader(header: DumpHeader): DumpHeader {
  if (header.format !== DUMP_FORMAT || header.formatVersion !== DUMP_FORMAT_VERSION) {
    throw new DumpIntegrityError(
      `This dump has format ${String(header.format)} ${String(header.formatVersion)}; ` +
        `this Cairn reads ${DUMP_FORMAT} ${DUMP_FORMAT_VERSION}.`,
    );
  }
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables)) {
    throw new DumpIntegrityError(
      'The dump does not list its schema: it is not one this Cairn made.',
    );
  }
  return header;
}
