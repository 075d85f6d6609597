import { crisisResourcesFromText } from './crisis';

describe('crisisResourcesFromText', () => {
  it('reads one resource per paragraph: name, how to reach it, what it is', () => {
    const resources = crisisResourcesFromText(
      [
        '988 Suicide & Crisis Lifeline',
        'Call or text 988',
        'Free and confidential,',
        'any time.',
        '',
        'National Domestic Violence Hotline',
        'Call 1-800-799-7233 or text START to 88788',
      ].join('\r\n'),
    );
    expect(resources).toEqual([
      {
        name: '988 Suicide & Crisis Lifeline',
        contact: 'Call or text 988',
        detail: 'Free and confidential, any time.',
        links: [
          { label: 'Call 988', href: 'tel:988' },
          { label: 'Text 988', href: 'sms:988' },
        ],
      },
      {
        name: 'National Domestic Violence Hotline',
        contact: 'Call 1-800-799-7233 or text START to 88788',
        detail: '',
        links: [
          { label: 'Call 1-800-799-7233', href: 'tel:18007997233' },
          { label: 'Text START to 88788', href: 'sms:88788?body=START' },
        ],
      },
    ]);
  });

  it('dials international numbers and a "Tel:" line; leaves small counts and plain words alone', () => {
    const [samaritans, friends] = crisisResourcesFromText(
      'Samaritans\nTel: +44 116 123\n\nTalk to someone\nCall 2 friends you trust, open 24/7',
    );
    expect(samaritans?.links).toEqual([{ label: 'Call +44 116 123', href: 'tel:+44116123' }]);
    expect(friends?.links).toEqual([]);
    expect(friends?.detail).toBe('');
  });

  it('has nothing to show for blank text', () => {
    expect(crisisResourcesFromText('  \n\n \n')).toEqual([]);
  });
});

describe('crisis links', () => {
  it('stops a number where its digits stop', () => {
    const [line] = crisisResourcesFromText('Line\nCall (555) 123-4567 (any hour) or 911.');
    expect(line?.links.map((link) => link.href)).toEqual(['tel:5551234567']);
  });
});
