import { canonicalJson, signedNoteHash, type SignedNoteFacts } from './note-hash';

const facts: SignedNoteFacts = {
  noteId: 'n1',
  clientId: 'c1',
  authorId: 'a1',
  kind: 'progress',
  templateCode: 'soap',
  serviceType: 'individual_60',
  cptCode: '90837',
  sessionAt: new Date('2026-11-20T15:00:00Z'),
  durationMinutes: 53,
  signedAt: new Date('2026-11-20T17:00:00Z'),
  content: {
    subjective: 'Felt calmer this week.',
    plan: 'Continue weekly.',
    risk: { level: 'none' },
  },
};

describe('signed note hash', () => {
  it('does not depend on the order fields were saved in', () => {
    const reordered = {
      ...facts,
      content: {
        risk: { level: 'none' as const },
        plan: 'Continue weekly.',
        subjective: 'Felt calmer this week.',
      },
    };
    expect(signedNoteHash(reordered)).toBe(signedNoteHash(facts));
    expect(signedNoteHash(facts)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['one character of content', { content: { ...facts.content, plan: 'Continue weekly!' } }],
    ['the session time', { sessionAt: new Date('2026-11-20T15:01:00Z') }],
    ['the signing time', { signedAt: new Date('2026-11-20T17:00:01Z') }],
    ['the author', { authorId: 'a2' }],
    ['the billing code', { cptCode: '90834' }],
  ])('changes when %s changes', (_, change) => {
    expect(signedNoteHash({ ...facts, ...change })).not.toBe(signedNoteHash(facts));
  });

  it('writes nested objects and arrays with sorted keys', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 'x' }], a: null })).toBe(
      '{"a":null,"b":[2,{"c":"x","d":1}]}',
    );
  });
});
