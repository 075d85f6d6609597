import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher';

const keys = (...ids: string[]) => new Map(ids.map((id) => [id, randomBytes(32)]));

describe('FieldCipher', () => {
  const both = keys('k2', 'k1');
  const current = new FieldCipher({ activeKeyId: 'k2', keys: both });

  it('round-trips text in any script, and the stored bytes do not contain it', () => {
    const text = 'Zoë and Nguyễn talked about trust; 王芳 wrote “I felt safe” 🙂';
    const sealed = current.seal(text, 'note:1:content');
    expect(sealed.keyId).toBe('k2');
    expect(sealed.data.includes(Buffer.from('trust'))).toBe(false);
    expect(current.open(sealed, 'note:1:content')).toBe(text);
  });

  it('gives a different ciphertext each time for the same text', () => {
    const a = current.seal('same words', 'ctx');
    const b = current.seal('same words', 'ctx');
    expect(a.data.equals(b.data)).toBe(false);
  });

  it('refuses to open a value moved to another row, or altered', () => {
    const sealed = current.seal('private', 'note:1:content');
    expect(() => current.open(sealed, 'note:2:content')).toThrow();
    const altered = Buffer.from(sealed.data);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(() => current.open({ keyId: 'k2', data: altered }, 'note:1:content')).toThrow();
  });

  it('reads rows sealed with an older key after a rotation, and names a missing key', () => {
    const old = new FieldCipher({ activeKeyId: 'k1', keys: new Map([['k1', both.get('k1')!]]) });
    const sealedBefore = old.seal('written last year', 'ctx');
    expect(current.open(sealedBefore, 'ctx')).toBe('written last year');
    const withoutOld = new FieldCipher({ activeKeyId: 'k3', keys: keys('k3') });
    expect(() => withoutOld.open(sealedBefore, 'ctx')).toThrow(
      'Encryption key "k1" is not configured.',
    );
  });
});
