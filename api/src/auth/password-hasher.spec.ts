import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('verifies the password it hashed and refuses any other', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(stored.startsWith('scrypt$15$8$1$')).toBe(true);
    await expect(hasher.verify('correct horse battery', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse batterY', stored)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    const [a, b] = await Promise.all([
      hasher.hash('same password!'),
      hasher.hash('same password!'),
    ]);
    expect(a).not.toBe(b);
  });

  it('treats a malformed stored hash as a failed check rather than an error', async () => {
    await expect(hasher.verify('anything at all', 'md5$abc')).resolves.toBe(false);
  });

  it('treats canonically equivalent Unicode passwords as the same password', async () => {
    const stored = await hasher.hash('Zoë-é-password');
    const decomposed = 'Zoe\u0308-e\u0301-password';
    await expect(hasher.verify(decomposed, stored)).resolves.toBe(true);
  });
});
