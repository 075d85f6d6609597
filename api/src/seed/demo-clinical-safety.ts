import {
  NOTE_LATE_AFTER_HOURS,
  SERVICE_TYPE_CPT,
  addDays,
  instantAt,
  todayIn,
  type NoteContent,
  type ServiceType,
} from '@cairn/contracts';
import { findInstrument, scoreAnswers } from '@cairn/instruments';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { toResult } from '../assessments/assessment-views';
import { Assessment } from '../assessments/entities/assessment.entity';
import { RiskFlag } from '../assessments/entities/risk-flag.entity';
import type { Client } from '../clients/entities/client.entity';
import type { FieldCipher } from '../crypto/field-cipher';
import { createSealed } from '../crypto/sealed-fields';
import { SessionNote } from '../notes/entities/session-note.entity';
import { hashOfNote } from '../notes/note-hash';
import { NoteVault } from '../notes/note-vault';
import { SafetyReviewRecord } from '../safety/entities/safety-review.entity';
import { SafetyScreenRecord } from '../safety/entities/safety-screen.entity';
import { SafetyVault } from '../safety/safety-vault';

interface Ids {
  clinicId: string;
  timeZone: string;
  therapistId: string;
  clients: Map<string, Client>;
}

const CLEAR = {
  physical: 'no',
  fear: 'no',
  threats: 'no',
  monitoring: 'no',
  money: 'no',
  movement: 'no',
  sexual: 'no',
  weapons: 'no',
  conjoint: 'no',
};

/**
 * What the demo shows of clinical safety:
 * - Jordan and Alex were each screened alone before couples work began; Alex wrote something
 *   to the therapist, which raised a safety review on both charts, decided before the first
 *   couples session ("go ahead, with safeguards").
 * - Priya answered PHQ-9 item 9 above zero two days ago: an open flag on the therapist's home,
 *   and a draft note with risk "None identified" that cannot be signed until it is acknowledged.
 * - Every past session has a note, except Zoë's last one: a note owed, shown as late.
 */
export async function seedDemoClinicalSafety(
  manager: EntityManager,
  cipher: FieldCipher,
  ids: Ids,
): Promise<void> {
  const client = (name: string) => {
    const found = ids.clients.get(name);
    if (!found) throw new Error(`demo seed: no client ${name}`);
    return found;
  };
  await seedScreens(
    manager,
    new SafetyVault(cipher),
    ids,
    client('Jordan Rivera'),
    client('Alexander Rivera'),
  );
  await seedOpenFlag(manager, cipher, ids, client('Priya Nair'));
  await seedSessionNotes(manager, cipher, ids, client('Zoë Lambert'));
}

async function seedScreens(
  manager: EntityManager,
  vault: SafetyVault,
  ids: Ids,
  jordan: Client,
  alex: Client,
): Promise<void> {
  const screen = async (who: Client, on: string, answers: Record<string, string>) => {
    const id = randomUUID();
    const at = instantAt(`${on}T11:00`, ids.timeZone);
    const needsReview = 'anythingElse' in answers;
    await manager.insert(SafetyScreenRecord, {
      id,
      clinicId: ids.clinicId,
      clientId: who.id,
      mode: 'in_session',
      status: 'completed',
      ...vault.sealAnswers(id, answers),
      needsReview,
      dueOn: null,
      createdBy: ids.therapistId,
      createdAt: at,
      completedAt: at,
    });
    return { id, at };
  };
  await screen(jordan, '2026-09-30', CLEAR);
  const alexScreen = await screen(alex, '2026-10-01', {
    ...CLEAR,
    anythingElse:
      'We both raise our voices when we argue about it. I would like to talk about that on my own first.',
  });
  const reviewId = randomUUID();
  await manager.insert(SafetyReviewRecord, {
    id: reviewId,
    clinicId: ids.clinicId,
    clientId: alex.id,
    partnerClientId: jordan.id,
    screenId: alexScreen.id,
    raisedAt: alexScreen.at,
    decision: 'proceed_with_safeguards',
    ...vault.sealNote(
      reviewId,
      'Seen each partner alone. No violence, threats or control described by either; loud arguments when the affair comes up. Agreed time-outs and that either may pause a joint session.',
    ),
    decidedAt: instantAt('2026-10-05T12:00', ids.timeZone),
    decidedBy: ids.therapistId,
  });
}

async function seedOpenFlag(
  manager: EntityManager,
  cipher: FieldCipher,
  ids: Ids,
  priya: Client,
): Promise<void> {
  const phq9 = findInstrument('PHQ-9');
  if (!phq9) throw new Error('demo seed: no PHQ-9');
  const answers = Object.fromEntries(
    [2, 2, 2, 1, 1, 2, 1, 0, 1].map((value, index) => [`phq9-${index + 1}`, value]),
  );
  const today = todayIn(ids.timeZone);
  const completedAt = instantAt(`${addDays(today, -2)}T20:15`, ids.timeZone);
  const score = scoreAnswers(phq9, answers);
  const assessment = await manager.save(
    createSealed(manager, cipher, Assessment, {
      clinicId: ids.clinicId,
      clientId: priya.id,
      instrumentCode: phq9.code,
      instrumentVersion: phq9.version,
      mode: 'in_session',
      status: 'completed',
      answers,
      indexEvent: null,
      dueOn: null,
      result: toResult(phq9, score),
      total: score.total,
      sharedWithClient: false,
      replacesId: null,
      scheduleId: null,
      createdBy: ids.therapistId,
      createdAt: completedAt,
      completedAt,
      completedBy: ids.therapistId,
    }),
  );
  await manager.insert(RiskFlag, {
    clinicId: ids.clinicId,
    clientId: priya.id,
    assessmentId: assessment.id,
    ruleId: 'phq9-item9',
    itemId: 'phq9-9',
    value: 1,
    raisedAt: completedAt,
  });
  await insertNote(manager, new NoteVault(cipher), ids, {
    clientId: priya.id,
    sessionAt: instantAt(`${addDays(today, -1)}T11:00`, ids.timeZone),
    serviceType: 'individual_45',
    signed: false,
    appointmentId: null,
    content: {
      focus: 'Anger and grief after learning the affair lasted longer than she was told.',
      nervousSystem: ['hypoaroused'],
      risk: { level: 'none' },
      plan: 'Weekly; follow up on the PHQ-9.',
    },
  });
}

/** A short signed note for every past session without one, except the one left owed. */
async function seedSessionNotes(
  manager: EntityManager,
  cipher: FieldCipher,
  ids: Ids,
  leftOwed: Client,
): Promise<void> {
  const vault = new NoteVault(cipher);
  const sessions = await manager.query<
    {
      id: string;
      client_id: string;
      therapist_id: string;
      starts_at: Date;
      kind: string;
      minutes: number;
    }[]
  >(
    `SELECT a.id, a.client_id, a.therapist_id, a.starts_at, a.kind,
            (extract(epoch FROM a.ends_at - a.starts_at) / 60)::int AS minutes
       FROM appointments a
      WHERE a.clinic_id = $1 AND a.status = 'completed' AND a.client_id IS NOT NULL
        AND a.starts_at < now() - make_interval(hours => $2)
        AND NOT EXISTS (SELECT 1 FROM session_notes n
                         WHERE n.kind = 'progress' AND n.client_id = a.client_id
                           AND n.session_at BETWEEN a.starts_at - interval '3 hours'
                                                AND a.ends_at + interval '3 hours')
      ORDER BY a.starts_at`,
    [ids.clinicId, NOTE_LATE_AFTER_HOURS],
  );
  const owed = sessions.filter((session) => session.client_id === leftOwed.id).at(-1);
  for (const session of sessions) {
    if (session.id === owed?.id) continue;
    await insertNote(manager, vault, ids, {
      clientId: session.client_id,
      authorId: session.therapist_id,
      sessionAt: session.starts_at,
      durationMinutes: session.minutes,
      serviceType:
        session.kind === 'couples'
          ? 'couples_with_client'
          : session.minutes >= 53
            ? 'individual_60'
            : 'individual_45',
      signed: true,
      appointmentId: session.id,
      content: {
        subjective:
          session.kind === 'couples'
            ? 'Both partners attended; reviewed the week’s check-ins and one repair conversation.'
            : 'Reviewed the week and the homework; worked on telling present alarm from past echo.',
        risk: { level: 'low' },
        plan: 'Continue as planned.',
      },
    });
  }
}

async function insertNote(
  manager: EntityManager,
  vault: NoteVault,
  ids: Ids,
  note: {
    clientId: string;
    authorId?: string;
    sessionAt: Date;
    durationMinutes?: number;
    serviceType: ServiceType;
    signed: boolean;
    appointmentId: string | null;
    content: NoteContent;
  },
): Promise<void> {
  const id = randomUUID();
  const signedAt = note.signed ? new Date(note.sessionAt.getTime() + 2 * 3_600_000) : null;
  const record = manager.create(SessionNote, {
    id,
    clinicId: ids.clinicId,
    clientId: note.clientId,
    authorId: note.authorId ?? ids.therapistId,
    kind: 'progress',
    templateCode: note.signed ? 'soap' : 'bt_progress',
    serviceType: note.serviceType,
    cptCode: SERVICE_TYPE_CPT[note.serviceType],
    appointmentId: note.appointmentId,
    sessionAt: note.sessionAt,
    durationMinutes: note.durationMinutes ?? 50,
    status: note.signed ? 'signed' : 'draft',
    signedAt,
    contentHash: null,
    ...vault.sealContent(id, note.content),
  });
  if (signedAt) record.contentHash = hashOfNote(record, signedAt, note.content);
  await manager.insert(SessionNote, record);
}
