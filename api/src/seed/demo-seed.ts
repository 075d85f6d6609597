import type { ClientStatus, Role } from '@cairn/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { PasswordHasher } from '../auth/password-hasher';
import type { FieldCipher } from '../crypto/field-cipher';
import { createSealed } from '../crypto/sealed-fields';
import { EMPTY_HISTORY } from '../clients/client-views';
import { ClientIntake } from '../clients/entities/client-intake.entity';
import { Client } from '../clients/entities/client.entity';
import { TimelineEventRecord } from '../clients/entities/timeline-event.entity';
import { TreatmentPhaseRecord } from '../clients/entities/treatment-phase.entity';
import { Clinic } from '../clinics/entities/clinic.entity';
import { User } from '../users/entities/user.entity';
import { seedDemoAssessments } from './demo-assessments';
import { seedDemoClinicalSafety } from './demo-clinical-safety';
import { seedDemoHomework } from './demo-homework';
import { seedDemoNotes } from './demo-notes';
import { seedDemoScheduling } from './demo-scheduling';

export const DEMO_PASSWORD = 'cairn-demo-2026';

export const DEMO_USERS: { email: string; displayName: string; role: Role }[] = [
  { email: 'admin@demo.clinic', displayName: 'Dana Whitfield', role: 'admin' },
  { email: 'therapist@demo.clinic', displayName: 'Dr. Maya Okafor', role: 'therapist' },
  { email: 'therapist2@demo.clinic', displayName: 'Sam Lindqvist', role: 'therapist' },
  { email: 'client@demo.clinic', displayName: 'Jordan Rivera', role: 'client' },
];

interface DemoClient {
  legalName: string;
  preferredName?: string;
  pronouns?: string;
  dateOfBirth: string;
  status: ClientStatus;
  therapist: 'therapist@demo.clinic' | 'therapist2@demo.clinic';
  intakeDate?: string;
  referralSource?: string;
}

/** Names in several scripts on purpose: every screen and report must show them right. */
const DEMO_CLIENTS: DemoClient[] = [
  {
    legalName: 'Jordan Rivera',
    pronouns: 'she/her',
    dateOfBirth: '1987-03-14',
    status: 'active',
    therapist: 'therapist@demo.clinic',
    intakeDate: '2026-09-02',
    referralSource: 'Primary care physician',
  },
  {
    legalName: 'Alexander Rivera',
    preferredName: 'Alex',
    pronouns: 'he/him',
    dateOfBirth: '1985-11-30',
    status: 'active',
    therapist: 'therapist@demo.clinic',
    intakeDate: '2026-09-09',
  },
  {
    legalName: 'Priya Nair',
    pronouns: 'she/her',
    dateOfBirth: '1991-06-21',
    status: 'active',
    therapist: 'therapist@demo.clinic',
    intakeDate: '2026-07-15',
    referralSource: 'Self-referred',
  },
  {
    legalName: 'Zoë Lambert',
    pronouns: 'she/they',
    dateOfBirth: '1994-01-08',
    status: 'active',
    therapist: 'therapist@demo.clinic',
    intakeDate: '2026-10-01',
  },
  {
    legalName: 'Nguyễn Thị Lan',
    preferredName: 'Lan',
    pronouns: 'she/her',
    dateOfBirth: '1979-09-17',
    status: 'paused',
    therapist: 'therapist@demo.clinic',
    intakeDate: '2026-03-20',
  },
  {
    legalName: 'Łukasz Nowak',
    pronouns: 'he/him',
    dateOfBirth: '1983-04-02',
    status: 'prospect',
    therapist: 'therapist@demo.clinic',
  },
  {
    legalName: "Siobhán O'Brien",
    pronouns: 'she/her',
    dateOfBirth: '1969-12-11',
    status: 'discharged',
    therapist: 'therapist@demo.clinic',
    intakeDate: '2025-11-04',
  },
  {
    legalName: '王芳',
    preferredName: 'Fang',
    dateOfBirth: '1990-02-27',
    status: 'active',
    therapist: 'therapist2@demo.clinic',
    intakeDate: '2026-08-18',
  },
  {
    legalName: 'Marcus Bell',
    pronouns: 'he/him',
    dateOfBirth: '1976-07-05',
    status: 'active',
    therapist: 'therapist2@demo.clinic',
    intakeDate: '2026-06-03',
  },
];

/**
 * Seeds the demo clinic the first time the app starts on an empty database (development only).
 * Returns false when there was already data, so a restart keeps what the first run made.
 */
export async function seedDemoData(
  dataSource: DataSource,
  hasher: PasswordHasher,
  cipher: FieldCipher,
): Promise<boolean> {
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  return dataSource.transaction(async (manager) => {
    // Serialises two processes starting at once on the same database.
    await manager.query('SELECT pg_advisory_xact_lock(4242001)');
    if ((await manager.count(Clinic)) > 0) return false;
    const clinic = await manager.save(
      manager.create(Clinic, { name: 'Demo Clinic', timeZone: 'America/Chicago' }),
    );
    const users = new Map<string, User>();
    for (const demo of DEMO_USERS) {
      const user = manager.create(User, {
        ...demo,
        clinicId: clinic.id,
        passwordHash,
        isActive: true,
        passwordChangedAt: null,
      });
      users.set(demo.email, await manager.save(user));
    }
    await seedClients(manager, clinic, users, cipher);
    return true;
  });
}

/** "Łukasz Nowak" becomes "lukasz.nowak": letters without accents, dots between words. */
function emailLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

async function seedClients(
  manager: EntityManager,
  clinic: Clinic,
  users: Map<string, User>,
  cipher: FieldCipher,
): Promise<void> {
  const byName = new Map<string, Client>();
  for (const demo of DEMO_CLIENTS) {
    const therapist = users.get(demo.therapist);
    const client = manager.create(Client, {
      clinicId: clinic.id,
      legalName: demo.legalName,
      preferredName: demo.preferredName ?? null,
      pronouns: demo.pronouns ?? null,
      dateOfBirth: demo.dateOfBirth,
      email: `${emailLocalPart(demo.preferredName ?? demo.legalName)}@example.net`,
      phone: '+1 312 555 0100',
      status: demo.status,
      primaryTherapistId: therapist?.id ?? null,
      intakeDate: demo.intakeDate ?? null,
      referralSource: demo.referralSource ?? null,
      portalUserId: null,
      partnerId: null,
    });
    byName.set(demo.legalName, await manager.save(client));
  }

  const jordan = byName.get('Jordan Rivera');
  const alex = byName.get('Alexander Rivera');
  const portalUser = users.get('client@demo.clinic');
  const therapist = users.get('therapist@demo.clinic');
  if (!jordan || !alex || !portalUser || !therapist) throw new Error('demo seed is inconsistent');

  // Jordan signs in to the portal as client@demo.clinic; Jordan and Alex do couples work.
  await manager.update(
    Client,
    { id: jordan.id },
    { portalUserId: portalUser.id, email: portalUser.email, partnerId: alex.id },
  );
  await manager.update(Client, { id: alex.id }, { partnerId: jordan.id });

  await manager.save(
    createSealed(manager, cipher, ClientIntake, {
      clientId: jordan.id,
      clinicId: jordan.clinicId,
      presentingConcerns:
        'Discovered her husband’s long-term affair in August. Sleep is broken, she checks his phone daily and ' +
        'says she no longer trusts her own read of people.',
      relationshipStatus: 'deciding',
      disclosureStatus: 'formal_disclosure_planned',
      history: {
        ...EMPTY_HISTORY,
        foundationalBetrayal: {
          kinds: ['infidelity_current'],
          note: 'Affair of about two years, found through messages.',
        },
        childhoodEmotionalNeglect: {
          present: true,
          note: 'Feelings were "not talked about" at home.',
        },
        chaosOrAddictionAtHome: {
          present: true,
          note: "Father's drinking; unpredictable evenings.",
        },
        parentification: { present: false, note: null },
        attachmentStyle: { style: 'anxious', note: 'Seeks reassurance, then doubts it.' },
        priorTherapy: {
          present: true,
          modalities: 'CBT (2019)',
          note: 'Helpful for panic, not for trust.',
        },
      },
      updatedBy: therapist.id,
    }),
  );
  for (const event of [
    {
      kind: 'discovery' as const,
      occurredOn: '2026-08-14',
      note: 'Found messages on the family tablet.',
    },
    {
      kind: 'separation' as const,
      occurredOn: '2026-08-30',
      note: 'He moved to his brother’s for now.',
    },
    { kind: 'couples_work_started' as const, occurredOn: '2026-10-06', note: null },
  ]) {
    await manager.save(
      createSealed(manager, cipher, TimelineEventRecord, {
        ...event,
        clientId: jordan.id,
        clinicId: jordan.clinicId,
        label: null,
        createdBy: therapist.id,
        removedAt: null,
      }),
    );
  }
  await manager.save(
    manager.create(TreatmentPhaseRecord, {
      clientId: jordan.id,
      clinicId: jordan.clinicId,
      phase: 'safety_stabilisation',
      startedOn: '2026-09-02',
      recordedBy: therapist.id,
    }),
  );
  const jordanIds = {
    clinicId: clinic.id,
    clientId: jordan.id,
    therapistId: therapist.id,
    timeZone: clinic.timeZone,
  };
  await seedDemoAssessments(manager, cipher, jordanIds);
  await seedDemoNotes(manager, cipher, jordanIds);
  await seedDemoHomework(manager, cipher, {
    clinicId: clinic.id,
    jordanId: jordan.id,
    alexId: alex.id,
    therapistId: therapist.id,
    timeZone: clinic.timeZone,
  });
  const admin = users.get('admin@demo.clinic');
  const therapist2 = users.get('therapist2@demo.clinic');
  if (!admin || !therapist2) throw new Error('demo seed is inconsistent');
  await seedDemoScheduling(manager, {
    clinicId: clinic.id,
    timeZone: clinic.timeZone,
    admin,
    therapist,
    therapist2,
    clients: byName,
  });
  await seedDemoClinicalSafety(manager, cipher, {
    clinicId: clinic.id,
    timeZone: clinic.timeZone,
    therapistId: therapist.id,
    clients: byName,
  });
}
