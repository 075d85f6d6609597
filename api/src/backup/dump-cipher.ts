import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { EncryptionKeys } from '../config/app-config';

/**
 * A dump file is sealed in chunks (AES-256-GCM, the "STREAM" construction): each chunk carries
 * its own tag, its nonce holds its position and whether it is the last one, and every tag also
 * covers the file header. So a changed byte, chunks swapped or dropped, or a file cut short are
 * all refused, and restore can stream a file of any size without holding it in memory.
 *
 *   header  "CAIRNDMP" | version (1) | key id length (1) | key id | salt (32) | key check (16)
 *   chunk   ciphertext length (4, big-endian) | ciphertext | tag (16)
 *
 * The key for one file is derived from the backup key and the file's random salt (HKDF), so the
 * counter nonces never repeat under one key across files. The key check (an HMAC under that
 * derived key) tells a wrong key apart from a damaged file before any chunk is tried.
 */
const MAGIC = Buffer.from('CAIRNDMP', 'ascii');
const VERSION = 1;
const SALT_BYTES = 32;
const CHECK_BYTES = 16;
const TAG_BYTES = 16;
const CHUNK_BYTES = 64 * 1024;
/** Refuse absurd lengths from a damaged file instead of allocating them. */
const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

/** A dump that cannot be opened: wrong key, altered, damaged or cut short. */
export class DumpIntegrityError extends Error {}

function fileKey(backupKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', backupKey, salt, 'cairn backup v1', 32));
}

function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key)
    .update('cairn backup key check')
    .digest()
    .subarray(0, CHECK_BYTES);
}

function nonce(index: number, last: boolean): Buffer {
  const value = Buffer.alloc(12);
  value.writeBigUInt64BE(BigInt(index), 3);
  value[11] = last ? 1 : 0;
  return value;
}

/** Compresses nothing and knows nothing of the content: seals whatever bytes pass through. */
export class DumpSealer extends Transform {
  private readonly header: Buffer;
  private readonly key: Buffer;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;

  constructor(keys: EncryptionKeys) {
    super();
    const keyId = Buffer.from(keys.activeKeyId, 'utf8');
    const backupKey = keys.keys.get(keys.activeKeyId);
    if (!backupKey) throw new Error(`Backup key "${keys.activeKeyId}" is not configured.`);
    const salt = randomBytes(SALT_BYTES);
    this.key = fileKey(backupKey, salt);
    this.header = Buffer.concat([
      MAGIC,
      Buffer.from([VERSION, keyId.length]),
      keyId,
      salt,
      keyCheck(this.key),
    ]);
    this.push(this.header);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= CHUNK_BYTES) {
      const all = Buffer.concat(this.pending);
      this.push(this.seal(all.subarray(0, CHUNK_BYTES), false));
      this.pending = [all.subarray(CHUNK_BYTES)];
      this.pendingBytes = all.length - CHUNK_BYTES;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    // The last chunk is always written, empty or not: its flag is what proves the file is whole.
    this.push(this.seal(Buffer.concat(this.pending), true));
    done();
  }

  private seal(plain: Buffer, last: boolean): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.index++, last));
    cipher.setAAD(this.header);
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(sealed.length);
    return Buffer.concat([length, sealed, cipher.getAuthTag()]);
  }
}

/** Opens a sealed dump with whichever configured backup key it names; refuses anything altered. */
export class DumpOpener extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  private header: Buffer | null = null;
  private key: Buffer | null = null;
  private keyId = '';
  private index = 0;
  private finished = false;

  constructor(private readonly keys: EncryptionKeys) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    try {
      this.drain();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (!this.finished) {
      done(
        new DumpIntegrityError(
          this.header
            ? 'The dump is cut short (its last chunk is missing): copy the whole file again.'
            : 'This is not a Cairn dump, or it is cut short before its header.',
        ),
      );
      return;
    }
    done();
  }

  private drain(): void {
    if (!this.header && !this.readHeader()) return;
    while (this.buffer.length >= 4) {
      if (this.finished) {
        throw new DumpIntegrityError('The dump has data after its last chunk: it was altered.');
      }
      const length = this.buffer.readUInt32BE(0);
      if (length > MAX_CHUNK_BYTES) throw this.refusal();
      if (this.buffer.length < 4 + length + TAG_BYTES) return;
      const sealed = this.buffer.subarray(4, 4 + length);
      const tag = this.buffer.subarray(4 + length, 4 + length + TAG_BYTES);
      this.buffer = this.buffer.subarray(4 + length + TAG_BYTES);
      this.push(this.open(sealed, tag));
    }
  }

  private readHeader(): boolean {
    const fixed = MAGIC.length + 2;
    if (this.buffer.length < fixed) return false;
    if (!this.buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new DumpIntegrityError('This is not a Cairn dump (it does not start like one).');
    }
    const version = this.buffer[MAGIC.length];
    if (version !== VERSION) {
      throw new DumpIntegrityError(
        `This dump has format version ${String(version)}; this Cairn reads version ${VERSION}.`,
      );
    }
    const idLength = this.buffer[MAGIC.length + 1] ?? 0;
    const total = fixed + idLength + SALT_BYTES + CHECK_BYTES;
    if (this.buffer.length < total) return false;
    this.keyId = this.buffer.subarray(fixed, fixed + idLength).toString('utf8');
    const backupKey = this.keys.keys.get(this.keyId);
    if (!backupKey) {
      throw new DumpIntegrityError(
        `The dump was sealed with backup key "${this.keyId}", which BACKUP_KEY does not hold ` +
          `(it holds ${[...this.keys.keys.keys()].map((id) => `"${id}"`).join(', ')}).`,
      );
    }
    const saltStart = fixed + idLength;
    const key = fileKey(backupKey, this.buffer.subarray(saltStart, saltStart + SALT_BYTES));
    if (!timingSafeEqual(keyCheck(key), this.buffer.subarray(saltStart + SALT_BYTES, total))) {
      throw new DumpIntegrityError(
        `The dump does not open with backup key "${this.keyId}": that is not the key it was ` +
          'sealed with (or the start of the file is damaged).',
      );
    }
    this.key = key;
    this.header = this.buffer.subarray(0, total);
    this.buffer = this.buffer.subarray(total);
    return true;
  }

  private open(sealed: Buffer, tag: Buffer): Buffer {
    const attempt = (last: boolean): Buffer | null => {
      const decipher = createDecipheriv('aes-256-gcm', this.key as Buffer, nonce(this.index, last));
      decipher.setAAD(this.header as Buffer);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(sealed), decipher.final()]);
      } catch {
        return null;
      }
    };
    const middle = attempt(false);
    const plain = middle ?? attempt(true);
    if (!plain) throw this.refusal();
    if (!middle) this.finished = true;
    this.index++;
    return plain;
  }

  private refusal(): DumpIntegrityError {
    return new DumpIntegrityError(
      `The dump is damaged or was altered (chunk ${this.index + 1} does not authenticate).`,
    );
  }
}
