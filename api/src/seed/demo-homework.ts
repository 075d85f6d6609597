import type { FieldCipher } from '../crypto/field-cipher';
import { sealedInsert } from '../crypto/sealed-fields';
import {
  addDays,
  occurrenceOn,
  todayIn,
  type CheckInAnswers,
  type HomeworkFrequency,
} from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import { HomeworkAssignmentRecord } from '../homework/entities/homework-assignment.entity';
import { HomeworkEntryRecord } from '../homework/entities/homework-entry.entity';
import { HomeworkTemplateRecord } from '../homework/entities/homework-template.entity';
import { syncHomeworkLibrary } from '../homework/homework-templates.service';

interface DemoIds {
  clinicId: string;
  jordanId: string;
  alexId: string;
  therapistId: string;
  timeZone: string;
}

const HONEST_MOMENTS = [
  'He told me about a message from a colleague before I asked.',
  'I said I was too tired to talk, and he let that be.',
  'He admitted he had been defensive at dinner.',
  'I told him the song in the car brought it all back.',
  'He showed me his phone without being asked.',
  null,
];

/** Days (before today) on which Jordan missed the check-in: real weeks have gaps. */
const JORDAN_MISSED = new Set([17, 12, 11, 6]);
const ALEX_MISSED = new Set([19, 15, 9, 8, 3]);

/**
 * Three weeks of homework for Jordan and Alex (a couple in repair work): the daily repair
 * check-in for both, with entries most days and felt safety rising slowly; a weekly
 * intuition-or-alarm journal for Jordan (one entry private); a letter due this week; and a
 * small task that slipped past its date, so the portal shows something overdue. Today's
 * check-in is left for the person trying the demo.
 */
export async function seedDemoHomework(
  manager: EntityManager,
  cipher: FieldCipher,
  ids: DemoIds,
): Promise<void> {
  await syncHomeworkLibrary(manager, ids.clinicId);
  const templates = await manager.findBy(HomeworkTemplateRecord, { clinicId: ids.clinicId });
  const templateId = (key: string) => {
    const found = templates.find((t) => t.libraryKey === key);
    if (!found) throw new Error(`demo seed: no homework template ${key}`);
    return found;
  };
  const today = todayIn(ids.timeZone);
  const assign = async (
    clientId: string,
    key: string,
    frequency: HomeworkFrequency,
    from: number,
    to: number,
    instructions?: string,
  ) => {
    const template = templateId(key);
    return manager.save(
      manager.create(HomeworkAssignmentRecord, {
        clinicId: ids.clinicId,
        clientId,
        templateId: template.id,
        instructions: instructions ?? template.instructions,
        frequency,
        startsOn: addDays(today, from),
        endsOn: addDays(today, to),
        partnerAssignmentId: null,
        createdBy: ids.therapistId,
        createdAt: new Date(`${addDays(today, from)}T15:00:00Z`),
        closedAt: null,
        closedOn: null,
        closedBy: null,
      }),
    );
  };
  const entry = (
    assignment: HomeworkAssignmentRecord,
    daysAgo: number,
    content: { note?: string | null; answers?: CheckInAnswers | null; private?: boolean },
  ) => {
    const day = addDays(today, -daysAgo);
    const writtenAt = new Date(`${day}T03:30:00Z`);
    return manager.insert(
      HomeworkEntryRecord,
      sealedInsert(cipher, HomeworkEntryRecord, {
        clinicId: ids.clinicId,
        assignmentId: assignment.id,
        clientId: assignment.clientId,
        // Filed under its occurrence: the day (daily) or the first day of its week (weekly).
        occursOn: occurrenceOn(assignment, day)?.start ?? day,
        note: content.note ?? null,
        answers: content.answers ?? null,
        private: content.private ?? false,
        // Written the evening of that day (Chicago), so past entries are already fixed.
        createdAt: new Date(writtenAt.getTime() + 86_400_000),
        updatedAt: new Date(writtenAt.getTime() + 86_400_000),
      }),
    );
  };

  const jordanCheckIn = await assign(ids.jordanId, 'daily-repair-check-in', 'daily', -20, 13);
  const alexCheckIn = await assign(ids.alexId, 'daily-repair-check-in', 'daily', -20, 13);
  await manager.update(HomeworkAssignmentRecord, jordanCheckIn.id, {
    partnerAssignmentId: alexCheckIn.id,
  });
  await manager.update(HomeworkAssignmentRecord, alexCheckIn.id, {
    partnerAssignmentId: jordanCheckIn.id,
  });
  for (let daysAgo = 20; daysAgo >= 1; daysAgo--) {
    const progress = (20 - daysAgo) / 19;
    if (!JORDAN_MISSED.has(daysAgo)) {
      await entry(jordanCheckIn, daysAgo, {
        answers: withoutBlanks({
          feltSafety: Math.round(2 + progress * 4 + (daysAgo % 3 === 0 ? -1 : 0)),
          promisesKept: daysAgo % 5 === 0 ? 'some' : daysAgo % 7 === 0 ? 'none' : 'all',
          honestMoment: HONEST_MOMENTS[daysAgo % HONEST_MOMENTS.length] ?? null,
          gutSense: progress < 0.4 ? 'alarmed' : progress < 0.8 ? 'uneasy' : 'settled',
        }),
      });
    }
    if (!ALEX_MISSED.has(daysAgo)) {
      await entry(alexCheckIn, daysAgo, {
        answers: withoutBlanks({
          feltSafety: Math.round(5 + progress * 2),
          promisesKept: daysAgo % 6 === 0 ? 'some' : 'all',
          honestMoment:
            daysAgo % 4 === 0 ? 'I answered her questions about that week fully.' : null,
          gutSense: progress < 0.5 ? 'uneasy' : 'unsure',
        }),
      });
    }
  }

  const journal = await assign(ids.jordanId, 'intuition-or-alarm', 'weekly', -14, 13);
  await entry(journal, 12, {
    note:
      'He was twenty minutes late and my chest went tight. It felt loud and urgent, the same ' +
      'feeling as in August. When I asked, he had sent a message saying so, and I had missed it.',
    private: true,
  });
  await entry(journal, 5, {
    note:
      'Quiet feeling today, not loud: something about how he talked about the trip felt vague. ' +
      'I asked one question instead of checking his phone, and his answer was clear.',
  });

  await assign(
    ids.jordanId,
    'self-compassion-letter',
    'once',
    -2,
    5,
    'Write the letter to the version of you who found the messages in August. Bring it to our next session if you would like to.',
  );
  await assign(ids.jordanId, 'ask-for-support', 'once', -10, -2);

  // A reading from the portal's library, due this week: reading it counts as done.
  await assign(ids.jordanId, 'reading-checking-as-protection', 'once', -1, 6);
  // Repair work for the partner who broke trust, with last week done.
  const transparency = await assign(ids.alexId, 'repair-transparency', 'weekly', -13, 14);
  await entry(transparency, 8, {
    note: 'Told her about the lunch with my old team before she asked. It felt exposed, then lighter.',
  });
}

function withoutBlanks(answers: CheckInAnswers): CheckInAnswers {
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== null));
}
