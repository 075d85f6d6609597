import {
  adherence,
  ENTRY_EDIT_HOURS,
  weeklyAdherence,
  type HomeworkAssignment,
  type HomeworkEntry,
  type HomeworkTemplate,
  type MyHomeworkEntry,
} from '@cairn/contracts';
import type { HomeworkAssignmentRecord } from './entities/homework-assignment.entity';
import type { HomeworkEntryRecord } from './entities/homework-entry.entity';
import type { HomeworkTemplateRecord } from './entities/homework-template.entity';

const EDIT_MS = ENTRY_EDIT_HOURS * 3_600_000;

export function toTemplate(record: HomeworkTemplateRecord): HomeworkTemplate {
  return {
    id: record.id,
    libraryKey: record.libraryKey,
    title: record.title,
    why: record.why,
    instructions: record.instructions,
    kind: record.kind,
    checkInForm: record.checkInForm,
    readingKey: record.readingKey,
    createdBy: record.creator?.displayName ?? null,
  };
}

/** The therapist's view of an assignment, with adherence as of the clinic's today. */
export function toAssignment(
  record: HomeworkAssignmentRecord,
  template: HomeworkTemplateRecord,
  doneOn: readonly string[],
  today: string,
): HomeworkAssignment {
  const schedule = {
    frequency: record.frequency,
    startsOn: record.startsOn,
    endsOn: record.endsOn,
    closedOn: record.closedOn,
  };
  return {
    id: record.id,
    clientId: record.clientId,
    templateId: record.templateId,
    title: template.title,
    why: template.why,
    kind: template.kind,
    checkInForm: template.checkInForm,
    readingKey: template.readingKey,
    instructions: record.instructions,
    frequency: record.frequency,
    startsOn: record.startsOn,
    endsOn: record.endsOn,
    closedOn: record.closedOn,
    partnerAssignmentId: record.partnerAssignmentId,
    createdAt: record.createdAt.toISOString(),
    adherence: adherence(schedule, doneOn, today),
    weeks: weeklyAdherence(schedule, doneOn, today),
    lastEntryOn: [...doneOn].sort().at(-1) ?? null,
  };
}

export function editableUntil(record: HomeworkEntryRecord): Date {
  return new Date(record.createdAt.getTime() + EDIT_MS);
}

/**
 * An entry for the treating therapist: a private journal entry keeps its text from them (they see
 * that it was done, and when).
 */
export function toTherapistEntry(record: HomeworkEntryRecord): HomeworkEntry {
  return {
    id: record.id,
    assignmentId: record.assignmentId,
    occursOn: record.occursOn,
    note: record.private ? null : record.note,
    answers: record.private ? null : record.answers,
    private: record.private,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    editableUntil: editableUntil(record).toISOString(),
  };
}

/** The client's own entry, in full. */
export function toMyEntry(record: HomeworkEntryRecord, now = new Date()): MyHomeworkEntry {
  return {
    id: record.id,
    assignmentId: record.assignmentId,
    occursOn: record.occursOn,
    note: record.note,
    answers: record.answers,
    private: record.private,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    editableUntil: editableUntil(record).toISOString(),
    editable: editableUntil(record) > now,
  };
}
