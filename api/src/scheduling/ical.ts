import ical, { ICalCalendarMethod, ICalEventClass, ICalEventStatus } from 'ical-generator';

/** One appointment as a calendar app should show it. */
export interface CalendarEvent {
  /** Stable for the life of the appointment, so an update replaces the earlier copy. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location: string | null;
  status: 'CONFIRMED' | 'CANCELLED';
  /** Raised whenever the time, place or status changes (RFC 5545 SEQUENCE). */
  sequence: number;
  lastModified: Date;
}

/**
 * The feed as RFC 5545 text, written by ical-generator (escaping, folding, UTC times). SEQUENCE
 * and LAST-MODIFIED make Google, Apple and Outlook replace a moved appointment rather than keep
 * its old time; a cancelled one stays in the feed as STATUS:CANCELLED so subscribers remove it.
 */
export function renderCalendar(name: string, events: CalendarEvent[], now = new Date()): string {
  const calendar = ical({
    name,
    prodId: { company: 'Cairn', product: 'Scheduling', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      stamp: now,
      start: event.start,
      end: event.end,
      summary: event.summary,
      location: event.location,
      status: event.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: event.sequence,
      lastModified: event.lastModified,
      class: ICalEventClass.PRIVATE,
    });
  }
  return calendar.toString();
}
