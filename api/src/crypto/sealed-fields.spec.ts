import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { parseEncryptionKeys } from '../config/app-config';
import { FieldCipher } from './field-cipher';
import {
  SealedFieldsSubscriber,
  UnreadableRecordException,
  sealFields,
  sealedEntity,
  sealedInsert,
} from './sealed-fields';

class Diary {
  id!: string;
  text!: string | null;
  textKeyId!: string | null;
  textSealed!: Buffer | null;
  items!: Record<string, number> | null;
  itemsKeyId!: string | null;
  itemsSealed!: Buffer | null;
}
sealedEntity(Diary, {
  table: 'diaries',
  fields: [
    { property: 'text', column: 'text', json: false },
    { property: 'items', column: 'items', json: true },
  ],
});

const cipher = new FieldCipher(parseEncryptionKeys(`k1:${randomBytes(32).toString('base64')}`));
const load = (row: Partial<Diary>): Diary => {
  const entity = Object.assign(new Diary(), row);
  new SealedFieldsSubscriber(cipher).afterLoad(entity);
  return entity;
};

describe('sealed fields', () => {
  it('seals text and JSON bound to the row, and opens them as the row loads', () => {
    const sealed = sealFields(cipher, Diary, 'row-1', { text: 'A loud feeling.', items: { a: 2 } });
    expect(sealed.textKeyId).toBe('k1');
    expect(sealed.textSealed?.toString('utf8')).not.toContain('loud');
    const entity = load({ id: 'row-1', ...sealed });
    expect(entity.text).toBe('A loud feeling.');
    expect(entity.items).toEqual({ a: 2 });
  });

  it('stores null as no value, and leaves a column that was not selected unopened', () => {
    const sealed = sealFields(cipher, Diary, 'row-2', { text: null });
    expect(sealed).toEqual({ textKeyId: null, textSealed: null });
    const entity = load({ id: 'row-2', ...sealed });
    expect(entity.text).toBeNull();
    expect(entity.items).toBeUndefined();
  });

  it('gives a new row its key and drops the plain values for an insert', () => {
    const row = sealedInsert(cipher, Diary, { text: 'x' });
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row).not.toHaveProperty('text');
    expect(load(row).text).toBe('x');
  });

  it('turns a value moved to another row into an error naming that row, raised only where it is read', () => {
    const alerts = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sealed = sealFields(cipher, Diary, 'row-3', { text: 'Mine.', items: { b: 1 } });
    const moved = load({ ...sealed, textSealed: sealed.textSealed ?? null, id: 'row-4' });
    expect(() => moved.text).toThrow(UnreadableRecordException);
    expect(() => moved.text).toThrow(/Record row-4 \(diaries, text\)/);
    // A row with one damaged field: the other still opens.
    const partly = load({
      id: 'row-3',
      ...sealed,
      textSealed: sealFields(cipher, Diary, 'row-9', { text: 'x' }).textSealed ?? null,
    });
    expect(partly.items).toEqual({ b: 1 });
    expect(() => partly.text).toThrow(UnreadableRecordException);
    expect(alerts.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/^ALERT: sealed value diaries\.text of record row-4 /),
      expect.stringMatching(/^ALERT: sealed value diaries\.items of record row-4 /),
      expect.stringMatching(/^ALERT: sealed value diaries\.text of record row-3 /),
    ]);
    alerts.mockRestore();
  });
});
