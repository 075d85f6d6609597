import type { TherapistAvailability } from '@cairn/contracts';
import { workingBlocks } from './working-hours';

const availability: TherapistAvailability = {
  therapistId: 't',
  timeZone: 'America/Chicago',
  weekly: [
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 1, start: '13:00', end: '17:00' },
    { weekday: 3, start: '10:00', end: '18:00' },
  ],
  exceptions: [
    { date: '2026-12-09', kind: 'time_off', start: '14:00', end: '16:00', note: null },
    { date: '2026-12-14', kind: 'time_off', start: null, end: null, note: null },
    { date: '2026-12-05', kind: 'extra_hours', start: '10:00', end: '12:30', note: null },
  ],
};

describe('workingBlocks', () => {
  it("shades a Monday's weekly hours", () => {
    expect(workingBlocks(availability, '2026-12-07')).toEqual([
      { start: 540, end: 720 },
      { start: 780, end: 1020 },
    ]);
  });

  it('cuts time off out of the day, and shades nothing on a whole day off', () => {
    expect(workingBlocks(availability, '2026-12-09')).toEqual([
      { start: 600, end: 840 },
      { start: 960, end: 1080 },
    ]);
    expect(workingBlocks(availability, '2026-12-14')).toEqual([]);
  });

  it('adds extra hours on a day without weekly hours', () => {
    expect(workingBlocks(availability, '2026-12-05')).toEqual([{ start: 600, end: 750 }]);
    expect(workingBlocks(availability, '2026-12-06')).toEqual([]);
  });
});
