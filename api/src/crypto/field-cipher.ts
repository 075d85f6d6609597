import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKeys } from '../config/app-config';

/** Encrypted text as stored: which key sealed it, and `iv (12) | tag (16) | ciphertext`. */
export interface SealedText {
  keyId: string;
  data: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Application-level encryption of clinical text (AES-256-GCM), so that a database dump or backup
 * holds no note text. Each value is bound to where it lives (`context`, e.g. the note's id and
 * column): a ciphertext copied onto another row fails to open instead of showing the wrong note.
 * The key id is stored beside each value, so keys rotate by putting a new key first.
 */
export class FieldCipher {
  constructor(private readonly encryption: EncryptionKeys) {}

  seal(plaintext: string, context: string): SealedText {
    const keyId = this.encryption.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId, data: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]) };
  }

  open(sealed: SealedText, context: string): string {
    const iv = sealed.data.subarray(0, IV_BYTES);
    const tag = sealed.data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key(sealed.keyId), iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(sealed.data.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  private key(keyId: string): Buffer {
    const key = this.encryption.keys.get(keyId);
    // Losing a retired key makes its rows unreadable: fail loudly, never return something else.
    if (!key) throw new Error(`Encryption key "${keyId}" is not configured.`);
    return key;
  }
}
