import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DumpIntegrityError, DumpOpener, DumpSealer } from './dump-cipher';

const keyring = (...ids: string[]) => {
  const keys = new Map(ids.map((id) => [id, randomBytes(32)]));
  return { activeKeyId: ids[0] ?? '', keys };
};

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function seal(plain: Buffer, keys: ReturnType<typeof keyring>): Promise<Buffer> {
  const sealer = new DumpSealer(keys);
  const [out] = await Promise.all([collect(sealer), pipeline(Readable.from([plain]), sealer)]);
  return out;
}

async function open(sealed: Buffer, keys: ReturnType<typeof keyring>): Promise<Buffer> {
  const opener = new DumpOpener(keys);
  // Feed in odd-sized pieces: chunk boundaries must not matter.
  const pieces: Buffer[] = [];
  for (let at = 0; at < sealed.length; at += 7_777) pieces.push(sealed.subarray(at, at + 7_777));
  const [out] = await Promise.all([collect(opener), pipeline(Readable.from(pieces), opener)]);
  return out;
}

describe('dump cipher', () => {
  const keys = keyring('b1');
  const text = Buffer.from(
    'Jordan Rivera wrote that her chest tightened when he was late. '.repeat(5_000),
  );

  it('round-trips data over many chunks, and the sealed bytes do not hold it', async () => {
    const sealed = await seal(text, keys);
    expect(sealed.includes(Buffer.from('Jordan Rivera'))).toBe(false);
    expect((await open(sealed, keys)).equals(text)).toBe(true);
  });

  it('round-trips empty input (one empty last chunk)', async () => {
    expect((await open(await seal(Buffer.alloc(0), keys), keys)).length).toBe(0);
  });

  it('opens with an older key still listed after the backup key rotated', async () => {
    const sealed = await seal(text, keys);
    const rotated = { activeKeyId: 'b2', keys: new Map([['b2', randomBytes(32)], ...keys.keys]) };
    expect((await open(sealed, rotated)).equals(text)).toBe(true);
  });

  it('refuses a flipped byte, naming the chunk', async () => {
    const sealed = await seal(text, keys);
    sealed[Math.floor(sealed.length / 2)] ^= 1;
    await expect(open(sealed, keys)).rejects.toThrow(/damaged or was altered \(chunk \d+/);
  });

  it('refuses a file cut short at a chunk boundary', async () => {
    const sealed = await seal(text, keys);
    const header = 8 + 2 + 2 + 32 + 16;
    const firstChunk = 4 + sealed.readUInt32BE(header) + 16;
    await expect(open(sealed.subarray(0, header + firstChunk), keys)).rejects.toThrow(/cut short/);
  });

  it('refuses bytes appended after the last chunk', async () => {
    const sealed = await seal(Buffer.from('short'), keys);
    await expect(open(Buffer.concat([sealed, sealed.subarray(-40)]), keys)).rejects.toThrow(
      DumpIntegrityError,
    );
  });

  it('refuses the wrong key under the same id, and a key id it does not hold', async () => {
    const sealed = await seal(text, keys);
    await expect(open(sealed, keyring('b1'))).rejects.toThrow(
      /does not open with backup key "b1": that is not the key it was sealed with/,
    );
    await expect(open(sealed, keyring('other'))).rejects.toThrow(
      /sealed with backup key "b1", which BACKUP_KEY does not hold \(it holds "other"\)/,
    );
  });

  it('refuses a file that is not a dump', async () => {
    await expect(open(Buffer.from('PGDMP not ours at all'), keys)).rejects.toThrow(
      /not a Cairn dump/,
    );
  });
});
