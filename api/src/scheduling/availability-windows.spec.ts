import type { WeeklyHours } from '@cairn/contracts';
import { freeStarts, subtractSpans, withinSpans, workingSpans } from './availability-windows';

const chicago = 'America/Chicago';
const at = (iso: string) => new Date(iso);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const everyDay = (start: string, end: string): WeeklyHours[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));
const hourly = { durationMinutes: 60, stepMinutes: 60, notBefore: 0 };

describe('availability windows and free slots', () => {
  it('keeps 09:00 on the wall across the spring change: 15:00Z before it, 14:00Z after', () => {
    const spans = workingSpans(
      { weekly: everyDay('09:00', '10:00'), exceptions: [] },
      chicago,
      at('2026-03-07T00:00:00Z'),
      at('2026-03-09T06:00:00Z'),
    );
    expect(spans.map((span) => isoOf(span.start))).toEqual([
      '2026-03-07T15:00Z',
      '2026-03-08T14:00Z',
    ]);
  });

  it('gives a block spanning the spring gap only the hours that exist (01:00–04:00 is two hours)', () => {
    const working = workingSpans(
      { weekly: [{ weekday: 7, start: '01:00', end: '04:00' }], exceptions: [] },
      chicago,
      at('2026-03-08T00:00:00Z'),
      at('2026-03-09T00:00:00Z'),
    );
    const slots = freeStarts(working, [], hourly);
    // 01:00 CST and 03:00 CDT: the hour from 02:00 never happens.
    expect(slots.map((slot) => isoOf(slot.start))).toEqual([
      '2026-03-08T07:00Z',
      '2026-03-08T08:00Z',
    ]);
  });

  it('keeps 09:00 on the wall across the autumn change: 14:00Z before it, 15:00Z after', () => {
    const spans = workingSpans(
      { weekly: everyDay('09:00', '10:00'), exceptions: [] },
      chicago,
      at('2026-10-31T00:00:00Z'),
      at('2026-11-02T06:00:00Z'),
    );
    expect(spans.map((span) => isoOf(span.start))).toEqual([
      '2026-10-31T14:00Z',
      '2026-11-01T15:00Z',
    ]);
  });

  it('gives a block spanning the repeated autumn hour four real hours (01:00–04:00)', () => {
    const working = workingSpans(
      { weekly: [{ weekday: 7, start: '01:00', end: '04:00' }], exceptions: [] },
      chicago,
      at('2026-11-01T00:00:00Z'),
      at('2026-11-02T00:00:00Z'),
    );
    expect(freeStarts(working, [], hourly).map((slot) => isoOf(slot.start))).toEqual([
      '2026-11-01T06:00Z',
      '2026-11-01T07:00Z',
      '2026-11-01T08:00Z',
      '2026-11-01T09:00Z',
    ]);
  });

  it('removes time off (a whole day or a few hours) and adds extra blocks', () => {
    const rules = {
      weekly: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 2, start: '09:00', end: '12:00' },
      ],
      exceptions: [
        { date: '2026-11-23', kind: 'time_off' as const, start: '10:00', end: '11:00', note: null },
        { date: '2026-11-24', kind: 'time_off' as const, start: null, end: null, note: 'training' },
        {
          date: '2026-11-25',
          kind: 'extra_hours' as const,
          start: '17:00',
          end: '18:00',
          note: null,
        },
      ],
    };
    const working = workingSpans(
      rules,
      chicago,
      at('2026-11-23T06:00:00Z'),
      at('2026-11-26T06:00:00Z'),
    );
    expect(working.map((span) => `${isoOf(span.start)}–${isoOf(span.end)}`)).toEqual([
      '2026-11-23T15:00Z–2026-11-23T16:00Z',
      '2026-11-23T17:00Z–2026-11-23T18:00Z',
      '2026-11-25T23:00Z–2026-11-26T00:00Z',
    ]);
  });

  it('skips starts that would overlap a booked appointment or lie in the past', () => {
    const working = [
      { start: Date.parse('2026-11-23T15:00:00Z'), end: Date.parse('2026-11-23T19:00:00Z') },
    ];
    const busy = [
      { start: Date.parse('2026-11-23T16:30:00Z'), end: Date.parse('2026-11-23T17:20:00Z') },
    ];
    const slots = freeStarts(working, busy, {
      durationMinutes: 50,
      stepMinutes: 30,
      notBefore: Date.parse('2026-11-23T15:10:00Z'),
    });
    expect(slots.map((slot) => isoOf(slot.start))).toEqual([
      '2026-11-23T15:30Z',
      '2026-11-23T17:30Z',
      '2026-11-23T18:00Z',
    ]);
  });

  it('tells whether a booking lies inside working time, joined blocks included', () => {
    const working = [
      { start: 0, end: 60 },
      { start: 60, end: 120 },
    ];
    expect(withinSpans(working, 30, 90)).toBe(true);
    expect(withinSpans(working, 100, 130)).toBe(false);
    expect(subtractSpans([{ start: 0, end: 100 }], [{ start: 20, end: 30 }])).toEqual([
      { start: 0, end: 20 },
      { start: 30, end: 100 },
    ]);
  });
});
