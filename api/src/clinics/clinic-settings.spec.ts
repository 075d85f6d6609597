import { crisisResourcesFor, US_CRISIS_RESOURCES_TEXT } from './crisis-resources';
import { defaultPaperSizeFor, settingsOf, settingsView } from './clinic-settings';
import { Clinic } from './entities/clinic.entity';

const clinic = (overrides: Partial<Clinic>): Clinic =>
  Object.assign(new Clinic(), {
    id: 'c1',
    name: 'Riverside Counselling',
    timeZone: 'America/Chicago',
    retentionYears: 7,
    address: null,
    phone: null,
    paperSize: null,
    crisisResources: null,
    senderName: null,
    idleTimeoutMinutes: 15,
    ...overrides,
  });

describe('clinic settings defaults', () => {
  it('prints on US Letter in US time zones and on A4 elsewhere, Canada and Mexico included', () => {
    expect(defaultPaperSizeFor('America/New_York')).toBe('letter');
    expect(defaultPaperSizeFor('Pacific/Honolulu')).toBe('letter');
    expect(defaultPaperSizeFor('America/Toronto')).toBe('a4');
    expect(defaultPaperSizeFor('America/Mexico_City')).toBe('a4');
    expect(defaultPaperSizeFor('Europe/Berlin')).toBe('a4');
  });

  it('fills what a clinic never chose from its time zone and name, and keeps what it chose', () => {
    expect(settingsOf(clinic({}))).toMatchObject({
      paperSize: 'letter',
      senderName: 'Riverside Counselling',
      crisisResources: US_CRISIS_RESOURCES_TEXT,
    });
    const abroad = settingsView(clinic({ timeZone: 'Europe/Berlin' }));
    expect(abroad).toMatchObject({ paperSize: 'a4', crisisResources: '' });
    expect(abroad.crisisResourcesMissing).toBe(true);
    const chosen = settingsView(
      clinic({ paperSize: 'a4', senderName: 'Riverside', crisisResources: '' }),
    );
    expect(chosen).toMatchObject({ paperSize: 'a4', senderName: 'Riverside' });
    expect(chosen.crisisResourcesMissing).toBe(true);
  });

  it('gives clients the clinic text, and a neutral pointer to local help while there is none', () => {
    const own = crisisResourcesFor(clinic({ crisisResources: 'Helpline\nCall 0800 111 0 111' }));
    expect(own).toEqual([
      {
        name: 'Helpline',
        contact: 'Call 0800 111 0 111',
        detail: '',
        links: [{ label: 'Call 0800 111 0 111', href: 'tel:08001110111' }],
      },
    ]);
    const none = crisisResourcesFor(clinic({ timeZone: 'Europe/Berlin' }));
    expect(JSON.stringify(none)).toMatch(/local emergency number/);
    expect(JSON.stringify(none)).not.toMatch(/988|911/);
    const us = crisisResourcesFor(clinic({}));
    expect(us.map((resource) => resource.contact)).toEqual([
      'Call or text 988',
      'Call 911',
      'Call 1-800-799-7233 or text START to 88788',
    ]);
  });
});
