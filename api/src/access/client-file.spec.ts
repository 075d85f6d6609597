import { getMetadataArgsStorage } from 'typeorm';
import { Client } from '../clients/entities/client.entity';
import { toClientFile, type ClientFileRow } from './client-file';

const row: ClientFileRow = {
  id: '00000000-0000-4000-8000-000000000001',
  clinic_id: '00000000-0000-4000-8000-000000000002',
  legal_name: 'Avery Stone',
  preferred_name: null,
  pronouns: 'they/them',
  date_of_birth: '1990-04-01',
  email: 'avery@example.test',
  phone: null,
  emergency_contact_name: null,
  emergency_contact_relationship: null,
  emergency_contact_phone: null,
  status: 'active',
  primary_therapist_id: '00000000-0000-4000-8000-000000000003',
  referral_source: null,
  intake_date: '2026-01-05',
  portal_user_id: '00000000-0000-4000-8000-000000000004',
  partner_id: null,
  reminder_consent: true,
  homework_nudge_consent: false,
  created_at: new Date('2026-01-05T10:00:00Z'),
  updated_at: new Date('2026-02-05T10:00:00Z'),
  therapist_name: 'Dr. Rivera',
  therapist_active: false,
  portal_active: false,
  partner_legal_name: null,
  partner_preferred_name: null,
  partner_portal_user_id: null,
};

describe('the client file read in plain SQL', () => {
  it('fills every column the Client entity maps, so a new column cannot be left out silently', () => {
    const columns = getMetadataArgsStorage()
      .columns.filter((column) => column.target === Client)
      .map((column) => column.propertyName);
    expect(columns.length).toBeGreaterThan(15);
    const file = toClientFile(row) as unknown as Record<string, unknown>;
    expect(columns.filter((column) => file[column] === undefined)).toEqual([]);
  });

  it('says who the file is tied to without any password hash: a deactivated therapist, an invited portal', () => {
    const file = toClientFile(row);
    expect(file).toBeInstanceOf(Client);
    expect(file.related).toEqual({
      therapist: { id: row.primary_therapist_id, displayName: 'Dr. Rivera', isActive: false },
      portalActive: false,
      partner: null,
    });
    expect(JSON.stringify(file)).not.toMatch(/password/i);
  });
});
