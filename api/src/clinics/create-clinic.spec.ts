import { ClinicInputError, isTimeZone, parseNewClinic } from './create-clinic';

describe('clinic:create arguments', () => {
  it('reads the four flags, spaced or with =', () => {
    expect(
      parseNewClinic([
        '--name',
        'Riverside Counselling',
        '--time-zone=America/Chicago',
        '--admin-email',
        ' Owner@Example.org ',
        '--admin-name',
        'Ana Ruiz',
      ]),
    ).toEqual({
      name: 'Riverside Counselling',
      timeZone: 'America/Chicago',
      adminEmail: 'owner@example.org',
      adminName: 'Ana Ruiz',
    });
  });

  it('names what is missing or unknown', () => {
    expect(() => parseNewClinic(['--name', 'Riverside'])).toThrow(
      /Missing --time-zone, --admin-email, --admin-name/,
    );
    expect(() => parseNewClinic(['--colour', 'blue'])).toThrow(ClinicInputError);
    expect(() => parseNewClinic(['--name'])).toThrow(/--name needs a value/);
  });

  it('knows IANA zones and refuses abbreviations and made-up names', () => {
    expect(isTimeZone('America/Chicago')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('CST')).toBe(false);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
