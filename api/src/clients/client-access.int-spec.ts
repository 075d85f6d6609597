import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';
import { TimelineEventRecord } from './entities/timeline-event.entity';

type Who =
  'admin' | 'treating therapist' | 'other therapist' | 'the client' | 'admin of another clinic';
const WHO: Who[] = [
  'admin',
  'treating therapist',
  'other therapist',
  'the client',
  'admin of another clinic',
];

interface RouteCase {
  name: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: (ids: { client: string; event: string; therapist: string }) => string;
  body?: (ids: { therapist: string }) => object;
  expect: Record<Who, number>;
}

/**
 * Every client route against every kind of caller. 404 means "no such file" to that caller;
 * 403 means the route itself is not for their role (and says nothing about the file).
 */
const MATRIX: RouteCase[] = [
  {
    name: 'GET /clients/:id/homework (homework is clinical: no admin route)',
    method: 'get',
    path: ({ client }) => `/api/clients/${client}/homework`,
    expect: {
      admin: 403,
      'treating therapist': 200,
      'other therapist': 404,
      'the client': 403,
      'admin of another clinic': 403,
    },
  },
  {
    name: 'GET /clients/:id',
    method: 'get',
    path: ({ client }) => `/api/clients/${client}`,
    expect: {
      admin: 200,
      'treating therapist': 200,
      'other therapist': 404,
      'the client': 403,
      'admin of another clinic': 404,
    },
  },
  {
    name: 'PATCH /clients/:id (demographics)',
    method: 'patch',
    path: ({ client }) => `/api/clients/${client}`,
    body: () => ({ phone: '+1 555 0101' }),
    expect: {
      admin: 200,
      'treating therapist': 200,
      'other therapist': 404,
      'the client': 403,
      'admin of another clinic': 404,
    },
  },
  {
    name: 'PATCH /clients/:id (clinical intake)',
    method: 'patch',
    path: ({ client }) => `/api/clients/${client}`,
    body: () => ({ intake: { presentingConcerns: 'Trouble sleeping since the discovery.' } }),
    expect: {
      admin: 403,
      'treating therapist': 200,
      'other therapist': 404,
      'the client': 403,
      'admin of another clinic': 404,
    },
  },
  {
    name: 'POST /clients/:id/assign',
    method: 'post',
    path: ({ client }) => `/api/clients/${client}/assign`,
    body: ({ therapist }) => ({ therapistId: therapist }),
    expect: {
      admin: 200,
      'treating therapist': 403,
      'other therapist': 403,
      'the client': 403,
      'admin of another clinic': 404,
    },
  },
  {
    name: 'POST /clients/:id/portal-invite',
    method: 'post',
    path: ({ client }) => `/api/clients/${client}/portal-invite`,
    expect: {
      admin: 201,
      'treating therapist': 403,
      'other therapist': 403,
      'the client': 403,
      'admin of another clinic': 404,
    },
  },
  {
    name: 'POST /clients/:id/partner (unlink)',
    method: 'post',
    path: ({ client }) => `/api/clients/${client}/partner`,
    body: () => ({ partnerId: null }),
    expect: {
      admin: 200,
      'treating therapist': 200,
      'other therapist': 404,
      'the client': 403,
      'admin of another clinic': 404,
    },
  },
  {
    name: 'POST /clients/:id/timeline',
    method: 'post',
    path: ({ client }) => `/api/clients/${client}/timeline`,
    body: () => ({ kind: 'discovery', occurredOn: '2026-08-14' }),
    expect: {
      admin: 403,
      'treating therapist': 201,
      'other therapist': 404,
      'the client': 403,
      'admin of another clinic': 403,
    },
  },
  {
    name: 'PATCH /clients/:id/timeline/:eventId',
    method: 'patch',
    path: ({ client, event }) => `/api/clients/${client}/timeline/${event}`,
    body: () => ({ note: 'Corrected date after session.' }),
    expect: {
      admin: 403,
      'treating therapist': 200,
      'other therapist': 404,
      'the client': 403,
      'admin of another clinic': 403,
    },
  },
  {
    name: 'DELETE /clients/:id/timeline/:eventId',
    method: 'delete',
    path: ({ client, event }) => `/api/clients/${client}/timeline/${event}`,
    expect: {
      admin: 403,
      'treating therapist': 204,
      'other therapist': 404,
      'the client': 403,
      'admin of another clinic': 403,
    },
  },
  {
    name: 'POST /clients/:id/phase',
    method: 'post',
    path: ({ client }) => `/api/clients/${client}/phase`,
    body: () => ({ phase: 'grieving_processing', startedOn: '2026-10-01' }),
    expect: {
      admin: 403,
      'treating therapist': 201,
      'other therapist': 404,
      'the client': 403,
      'admin of another clinic': 403,
    },
  },
];

describe('Client file access matrix', () => {
  let test: TestApp;
  let clinic: Clinic;
  let treating: User;
  let colleague: User;
  const tokens = {} as Record<Who, string>;
  const portalUsers: User[] = [];

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    const elsewhere = await createClinic(test.dataSource, { name: 'Another Practice' });
    const admin = await createUser(test.dataSource, clinic, 'admin');
    treating = await createUser(test.dataSource, clinic, 'therapist');
    colleague = await createUser(test.dataSource, clinic, 'therapist');
    const portal = await createUser(test.dataSource, clinic, 'client');
    portalUsers.push(portal);
    const foreignAdmin = await createUser(test.dataSource, elsewhere, 'admin');
    const people: Record<Who, User> = {
      admin,
      'treating therapist': treating,
      'other therapist': colleague,
      'the client': portal,
      'admin of another clinic': foreignAdmin,
    };
    for (const who of WHO) tokens[who] = (await signIn(test, people[who].email)).token;
  });
  afterAll(() => test.close());

  for (const route of MATRIX) {
    it(`${route.name}: ${WHO.map((who) => `${who} ${route.expect[who]}`).join(', ')}`, async () => {
      const statuses = {} as Record<Who, number>;
      for (const who of WHO) {
        // A fresh file per caller, so one caller's change cannot decide another's answer.
        const client = await createClient(test.dataSource, clinic, {
          primaryTherapistId: treating.id,
          portalUserId: who === 'the client' ? (portalUsers[0]?.id ?? null) : null,
        });
        const event = await test.dataSource.manager.save(
          test.dataSource.manager.create(TimelineEventRecord, {
            clientId: client.id,
            clinicId: clinic.id,
            kind: 'discovery',
            label: null,
            occurredOn: '2026-08-01',
            note: null,
            createdBy: treating.id,
            removedAt: null,
          }),
        );
        const ids = { client: client.id, event: event.id, therapist: colleague.id };
        const request = as(test, tokens[who])[route.method](route.path(ids));
        const response = await (route.body ? request.send(route.body(ids)) : request);
        statuses[who] = response.status;
        if (who === 'the client')
          await test.dataSource.query('UPDATE clients SET portal_user_id = NULL WHERE id = $1', [
            client.id,
          ]);
      }
      expect(statuses).toEqual(route.expect);
    });
  }

  it('lists: the admin sees every file of the clinic, a therapist only their caseload, a client nothing', async () => {
    const mine = await createClient(test.dataSource, clinic, {
      primaryTherapistId: treating.id,
      legalName: 'Matrix Mine',
    });
    const theirs = await createClient(test.dataSource, clinic, {
      primaryTherapistId: colleague.id,
      legalName: 'Matrix Theirs',
    });
    const ids = async (who: Who) => {
      const response = await as(test, tokens[who])
        .get('/api/clients')
        .query({ q: 'Matrix', pageSize: 100 });
      return response.status === 200
        ? (response.body.items as { id: string }[]).map((item) => item.id).sort()
        : response.status;
    };
    expect(await ids('admin')).toEqual([mine.id, theirs.id].sort());
    expect(await ids('treating therapist')).toEqual([mine.id]);
    expect(await ids('other therapist')).toEqual([theirs.id]);
    expect(await ids('the client')).toBe(403);
    expect(await ids('admin of another clinic')).toEqual([]);
  });

  it("gives a therapist nothing when they ask for a colleague's caseload", async () => {
    await createClient(test.dataSource, clinic, { primaryTherapistId: colleague.id });
    const response = await as(test, tokens['treating therapist'])
      .get('/api/clients')
      .query({ therapistId: colleague.id })
      .expect(200);
    expect(response.body).toMatchObject({ items: [], total: 0 });
  });

  it('answers a file that does not exist exactly like one out of reach', async () => {
    const missing = await as(test, tokens['treating therapist'])
      .get('/api/clients/5d1b2c3a-0000-4000-8000-000000000000')
      .expect(404);
    const theirs = await createClient(test.dataSource, clinic, {
      primaryTherapistId: colleague.id,
    });
    const hidden = await as(test, tokens['treating therapist'])
      .get(`/api/clients/${theirs.id}`)
      .expect(404);
    expect(hidden.body.message).toBe(missing.body.message);
  });
});
