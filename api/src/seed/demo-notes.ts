import {
  addDays,
  instantAt,
  SERVICE_TYPE_CPT,
  todayIn,
  type NoteContent,
  type NoteTemplateCode,
  type ServiceType,
} from '@cairn/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { FieldCipher } from '../crypto/field-cipher';
import { NoteAddendumRecord } from '../notes/entities/note-addendum.entity';
import { SessionNote } from '../notes/entities/session-note.entity';
import { addendumHash, hashOfNote } from '../notes/note-hash';
import { NoteVault } from '../notes/note-vault';

interface DemoNote {
  /** Clinic wall-clock time of the session. */
  at: string;
  templateCode: NoteTemplateCode;
  serviceType: ServiceType;
  durationMinutes: number;
  content: NoteContent;
  signed: boolean;
  addendum?: string;
}

function jordanNotes(today: string): DemoNote[] {
  return [
    {
      at: '2026-09-02T10:00',
      templateCode: 'intake',
      serviceType: 'intake',
      durationMinutes: 60,
      signed: true,
      content: {
        presentingConcern:
          'Discovered partner’s affair in August. “I can’t trust anything I see any more, including myself.”',
        betrayalHistory:
          'Found messages on a shared tablet; partial disclosure since, with new facts surfacing twice.',
        relevantHistory:
          'Grew up with a parent whose moods were unpredictable; learned to watch closely.',
        nervousSystem: ['hyperaroused'],
        mentalStatus: 'Alert, tearful at times, oriented; sleep 4–5 hours.',
        measuresSummary: 'PHQ-9 17, GAD-7 15, PCL-5 52 anchored to the discovery.',
        risk: { level: 'low' },
        formulation: 'Betrayal trauma with hypervigilance; self-trust shaken.',
        goals:
          'Stabilise sleep and alarm; rebuild trust in own perception; decide on the relationship later.',
        recommendations: 'Weekly individual sessions; body check-in practice.',
      },
    },
    {
      at: '2026-09-09T10:00',
      templateCode: 'bt_progress',
      serviceType: 'individual_60',
      durationMinutes: 53,
      signed: true,
      content: {
        focus: 'Telling a present-day red flag from past pain echoing forward.',
        nervousSystem: ['hyperaroused', 'regulated'],
        triggers: 'Partner’s phone face down on the table.',
        disclosureStage: 'partial_disclosure',
        interventions: ['somatic_experiencing', 'psychoeducation'],
        interventionNotes: 'Orienting and grounding when the alarm rose; the alarm as protection.',
        homeworkAssigned: 'Body check-in, morning and evening.',
        risk: { level: 'none' },
        plan: 'Continue weekly; introduce the intuition-or-alarm journal.',
      },
    },
    {
      at: '2026-10-28T10:00',
      templateCode: 'bt_progress',
      serviceType: 'individual_60',
      durationMinutes: 53,
      signed: true,
      addendum: 'Correction: the journal was assigned on 21 October, not 14 October.',
      content: {
        focus: 'First week of the intuition-or-alarm journal.',
        nervousSystem: ['regulated'],
        boundaries: 'Asked for a day’s notice before difficult conversations.',
        interventions: ['attachment_based'],
        homeworkReviewed: 'Journal kept five of seven days.',
        risk: { level: 'none' },
        progress: 'Sleep up to six hours; fewer checking episodes.',
        plan: 'Continue; prepare for a possible formal disclosure.',
      },
    },
    {
      at: `${addDays(today, -4)}T10:00`,
      templateCode: 'bt_progress',
      serviceType: 'individual_60',
      durationMinutes: 53,
      signed: false,
      content: {
        focus: 'Feelings about the formal disclosure being planned.',
        nervousSystem: ['hypoaroused'],
      },
    },
    {
      at: `${addDays(today, -4)}T10:00`,
      templateCode: 'process',
      serviceType: 'individual_60',
      durationMinutes: 53,
      signed: false,
      content: { process: 'Noticed my own urge to reassure; stayed with the not-knowing instead.' },
    },
  ];
}

/** Jordan's session notes: signed ones, one with an addendum, and a late draft to finish. */
export async function seedDemoNotes(
  manager: EntityManager,
  cipher: FieldCipher,
  ids: { clinicId: string; clientId: string; therapistId: string; timeZone: string },
): Promise<void> {
  const vault = new NoteVault(cipher);
  const today = todayIn(ids.timeZone);
  for (const demo of jordanNotes(today)) {
    const id = randomUUID();
    const sessionAt = instantAt(demo.at, ids.timeZone);
    const signedAt = demo.signed ? new Date(sessionAt.getTime() + 3 * 60 * 60 * 1000) : null;
    const note = manager.create(SessionNote, {
      id,
      clinicId: ids.clinicId,
      clientId: ids.clientId,
      authorId: ids.therapistId,
      kind: demo.templateCode === 'process' ? 'psychotherapy' : 'progress',
      templateCode: demo.templateCode,
      serviceType: demo.serviceType,
      cptCode: SERVICE_TYPE_CPT[demo.serviceType],
      appointmentId: null,
      sessionAt,
      durationMinutes: demo.durationMinutes,
      status: demo.signed ? 'signed' : 'draft',
      signedAt,
      contentHash: null,
      ...vault.sealContent(id, demo.content),
    });
    if (signedAt) note.contentHash = hashOfNote(note, signedAt, demo.content);
    await manager.insert(SessionNote, note);
    if (demo.addendum && signedAt) {
      const addendumId = randomUUID();
      const createdAt = new Date(signedAt.getTime() + 7 * 24 * 60 * 60 * 1000);
      await manager.insert(NoteAddendumRecord, {
        id: addendumId,
        noteId: id,
        clinicId: ids.clinicId,
        authorId: ids.therapistId,
        createdAt,
        contentHash: addendumHash({
          addendumId,
          noteId: id,
          authorId: ids.therapistId,
          createdAt,
          text: demo.addendum,
        }),
        ...vault.sealAddendum(addendumId, demo.addendum),
      });
    }
  }
}
