import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { ApiErrorBody } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { Public } from '../auth/decorators/public.decorator';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';
import { AcceptsBody } from './body-type.guard';

/** A route shaped like an RFC 8058 one-click unsubscribe, to exercise @AcceptsBody. */
@Controller('test-only')
class OneClickProbeController {
  @Public()
  @Post('one-click')
  @HttpCode(200)
  @AcceptsBody('application/x-www-form-urlencoded', 'multipart/form-data')
  oneClick(@Body() body: Record<string, unknown>): { received: unknown } {
    return { received: body['List-Unsubscribe'] };
  }
}

const fieldsOf = (body: unknown) => ((body as ApiErrorBody).fields ?? []).map((f) => f.field);
const problemsOf = (body: unknown) =>
  ((body as ApiErrorBody).fields ?? []).flatMap((f) => f.problems).join(' ');

/** `{ a: { a: … { a: leaf } } }`, `depth` objects deep. */
function nested(depth: number, leaf: unknown = 'x'): unknown {
  let value: unknown = leaf;
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

/** The same as JSON text, built without JSON.stringify (whose recursion a 5,000-deep value overflows). */
function nestedJson(depth: number): string {
  return '{"a":'.repeat(depth) + '"x"' + '}'.repeat(depth);
}

describe('Input the API refuses before validation (no input reaches a 500)', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let adminToken: string;
  let therapistToken: string;
  let clientId: string;

  beforeAll(async () => {
    test = await createTestApp({}, { controllers: [OneClickProbeController] });
    clinic = await createClinic(test.dataSource);
    const admin = await createUser(test.dataSource, clinic, 'admin');
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    adminToken = (await signIn(test, admin.email)).token;
    therapistToken = (await signIn(test, therapist.email)).token;
    clientId = (await createClient(test.dataSource, clinic, { primaryTherapistId: therapist.id }))
      .id;
  });
  afterAll(() => test.close());

  const admin = () => as(test, adminToken);
  const clientCount = async () =>
    Number(
      (await test.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM clients`))[0]?.n,
    );

  describe('nesting', () => {
    it('refuses a body nested 5,000 deep with a 400 (it used to crash class-transformer)', async () => {
      const before = await clientCount();
      const response = await admin()
        .post('/api/clients')
        .set('Content-Type', 'application/json')
        .send(`{"legalName":"Deep Nest","emergencyContact":${nestedJson(5_000)}}`)
        .expect(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        message: 'The request body is nested more than 32 levels deep.',
      });
      expect(await clientCount()).toBe(before);
    });

    it('refuses a deep body on the public accept-invite route too, before anything else', async () => {
      const response = await test.http
        .post('/api/auth/accept-invite')
        .set('Content-Type', 'application/json')
        .send(`{"token":${nestedJson(5_000)},"password":"a-long-enough-password"}`)
        .expect(400);
      expect((response.body as ApiErrorBody).message).toContain('nested more than 32 levels');
    });

    it('lets 32 levels through to validation and refuses 33', async () => {
      const at32 = await admin()
        .post('/api/clients')
        .send({ legalName: 'Thirty Two', emergencyContact: nested(31) })
        .expect(400);
      // Past the screen: validation names the field that has the wrong shape.
      expect(fieldsOf(at32.body)).toContain('emergencyContact.name');
      const at33 = await admin()
        .post('/api/clients')
        .send({ legalName: 'Thirty Three', emergencyContact: nested(32) })
        .expect(400);
      expect((at33.body as ApiErrorBody).message).toContain('nested more than 32 levels');
    });
  });

  describe('control characters', () => {
    it('refuses a NUL byte in a name with a 400 naming the field, and stores nothing', async () => {
      const before = await clientCount();
      const response = await admin()
        .post('/api/clients')
        .send({ legalName: 'Jordan\u0000Rivera' })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(['legalName']);
      expect(problemsOf(response.body)).toContain('control characters');
      expect(await clientCount()).toBe(before);
    });

    it('names a nested field, and refuses other control characters (ESC, DEL, C1)', async () => {
      for (const bad of ['\u001b[31m', 'bell\u0007', 'del\u007f', 'c1\u0085']) {
        const response = await admin()
          .post('/api/clients')
          .send({ legalName: 'Ada Ngata', emergencyContact: { name: bad, phone: '555 0101' } })
          .expect(400);
        expect(fieldsOf(response.body)).toEqual(['emergencyContact.name']);
      }
    });

    it('refuses NUL inside a session note template field (free-form content keys)', async () => {
      const response = await as(test, therapistToken)
        .post(`/api/clients/${clientId}/notes`)
        .send({
          templateCode: 'bt_progress',
          sessionAt: new Date(Date.now() - 3_600_000).toISOString(),
          durationMinutes: 45,
          serviceType: 'individual_45',
          content: { subjective: 'Slept badly\u0000' },
        })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(['content.subjective']);
    });

    it('keeps tabs and line breaks in free text', async () => {
      const response = await admin()
        .post('/api/clients')
        .send({ legalName: 'Tab Person', referralSource: 'GP\treferral\nline two\r\n' })
        .expect(201);
      expect(response.body).toMatchObject({ referralSource: 'GP\treferral\nline two' });
    });

    it('refuses a lone UTF-16 surrogate, which would be stored as U+FFFD', async () => {
      const response = await admin()
        .post('/api/clients')
        .set('Content-Type', 'application/json')
        .send('{"legalName":"broken \\ud800 half"}')
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(['legalName']);
      expect(problemsOf(response.body)).toContain('valid Unicode');
    });

    it('refuses NUL in a query string and in a path segment with a 400', async () => {
      const query = await admin().get('/api/clients?search=a%00b').expect(400);
      expect(fieldsOf(query.body)).toEqual(['search']);
      const path = await admin().get('/api/instruments/PHQ%00/fhir').expect(400);
      expect(fieldsOf(path.body)).toEqual(['path']);
      const malformed = await admin().get('/api/clients/%E0%A4%A').expect(400);
      expect(malformed.body).toMatchObject({ statusCode: 400 });
    });
  });

  describe('invisible characters', () => {
    it.each([
      ['zero-width spaces', '\u200b\u200b\u200b'],
      ['bidi controls', '\u202e\u2066\u2069\u200f'],
      ['a BOM, a word joiner and spaces', ' \ufeff\u2060 '],
      ['Hangul fillers', '\u3164\u115f'],
    ])('treats a name of only %s as blank', async (_label, name) => {
      const before = await clientCount();
      const response = await admin().post('/api/clients').send({ legalName: name }).expect(400);
      expect(fieldsOf(response.body)).toEqual(['legalName']);
      expect(problemsOf(response.body)).toContain('must not be blank');
      expect(await clientCount()).toBe(before);
    });

    it('turns an optional field of only invisible characters into no value', async () => {
      const response = await admin()
        .post('/api/clients')
        .send({ legalName: 'Visible Name', preferredName: '\u200b\u200d' })
        .expect(201);
      expect(response.body).toMatchObject({ displayName: 'Visible Name' });
    });

    it('trims invisible characters at the edges but keeps the ones inside a name', async () => {
      const response = await admin()
        .post('/api/clients')
        .send({ legalName: '\u200b Noor\u200dJahan \u200f' })
        .expect(201);
      expect(response.body).toMatchObject({ legalName: 'Noor\u200dJahan' });
    });
  });

  describe('dates beyond the supported range', () => {
    it('refuses year 9999 in a body date, a query date and an instant with a 400', async () => {
      const intake = await admin()
        .post('/api/clients')
        .send({ legalName: 'Far Future', intakeDate: '9999-12-31' })
        .expect(400);
      expect(fieldsOf(intake.body)).toEqual(['intakeDate']);

      const progress = await as(test, therapistToken)
        .get(`/api/clients/${clientId}/progress?from=9999-01-01&to=9999-12-31`)
        .expect(400);
      expect(fieldsOf(progress.body).sort()).toEqual(['from', 'to']);

      const slots = await admin()
        .get(
          `/api/scheduling/slots?therapistId=${therapist.id}&duration=50` +
            `&from=9999-12-30T00:00:00Z&to=9999-12-31T00:00:00Z`,
        )
        .expect(400);
      expect(fieldsOf(slots.body).sort()).toEqual(['from', 'to']);

      const homework = await as(test, therapistToken)
        .post(`/api/clients/${clientId}/homework`)
        .send({
          templateId: '00000000-0000-4000-8000-000000000000',
          frequency: 'daily',
          startsOn: '2026-01-01',
          endsOn: '9999-12-31',
        })
        .expect(400);
      expect(fieldsOf(homework.body)).toContain('endsOn');
    });

    it('still accepts dates inside the range (1900 to 2199)', async () => {
      await admin()
        .post('/api/clients')
        .send({ legalName: 'Old Timer', dateOfBirth: '1900-01-01', intakeDate: '2199-12-31' })
        .expect(201);
    });
  });

  describe('content types', () => {
    it('refuses a form-encoded post with 415 and creates nothing (it used to be created)', async () => {
      const before = await clientCount();
      const response = await admin()
        .post('/api/clients')
        .type('form')
        .send('legalName=Form+Post')
        .expect(415);
      expect(response.body).toMatchObject({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'The request body must be sent as application/json.',
      });
      expect(response.body.requestId).toEqual(expect.any(String));
      expect(await clientCount()).toBe(before);
    });

    it('refuses JSON sent as text/plain or with no type, and multipart where none is declared', async () => {
      const before = await clientCount();
      await admin()
        .post('/api/clients')
        .set('Content-Type', 'text/plain')
        .send('{"legalName":"Plain Text"}')
        .expect(415);
      await admin().post('/api/clients').field('legalName', 'Multi Part').expect(415);
      expect(await clientCount()).toBe(before);
    });

    it('lets a route declare another body type with @AcceptsBody (one-click unsubscribe)', async () => {
      const form = await test.http
        .post('/api/test-only/one-click')
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(form.body).toEqual({ received: 'One-Click' });
      const json = await test.http
        .post('/api/test-only/one-click')
        .send({ 'List-Unsubscribe': 'One-Click' })
        .expect(200);
      expect(json.body).toEqual({ received: 'One-Click' });
      const plain = await test.http
        .post('/api/test-only/one-click')
        .set('Content-Type', 'text/plain')
        .send('List-Unsubscribe=One-Click')
        .expect(415);
      expect((plain.body as ApiErrorBody).message).toContain('application/x-www-form-urlencoded');
    });

    it('accepts a body-less POST without a content type', async () => {
      const created = await admin().post('/api/clients').send({ legalName: 'Body Less' });
      expect(created.status).toBe(201);
      // Portal invite takes no body.
      const invite = await admin().post(
        `/api/clients/${(created.body as { id: string }).id}/portal-invite`,
      );
      expect(invite.status).not.toBe(415);
    });
  });

  describe('prototype keys', () => {
    it.each(['__proto__', 'constructor', 'prototype'])(
      'refuses a "%s" key with a 400 naming it, at the top or nested',
      async (key) => {
        const before = await clientCount();
        const top = await admin()
          .post('/api/clients')
          .set('Content-Type', 'application/json')
          .send(`{"legalName":"Proto Key","${key}":{"isAdmin":true}}`)
          .expect(400);
        expect(fieldsOf(top.body)).toEqual([key]);
        const inner = await admin()
          .post('/api/clients')
          .set('Content-Type', 'application/json')
          .send(
            `{"legalName":"Proto Key","emergencyContact":{"name":"A","phone":"555 0101","${key}":{}}}`,
          )
          .expect(400);
        expect(fieldsOf(inner.body)).toEqual([`emergencyContact.${key}`]);
        const query = await admin().get(`/api/clients?${key}=1`).expect(400);
        expect(fieldsOf(query.body)).toEqual([key]);
        expect(await clientCount()).toBe(before);
      },
    );
  });
});
