import type { ClientHistory } from '@cairn/contracts';
import { historyFromAnswers } from './history-form';

const current: ClientHistory = {
  foundationalBetrayal: { kinds: ['friend'], note: 'Recorded in session.' },
  childhoodEmotionalNeglect: { present: null, note: 'Ask about school years.' },
  chaosOrAddictionAtHome: { present: true, note: null },
  parentification: { present: null, note: null },
  attachmentStyle: { style: null, note: 'Push-pull with partner.' },
  priorTherapy: { present: null, modalities: null, note: null },
};

describe('historyFromAnswers', () => {
  it('fills the checklist from the answers and keeps the therapist’s notes', () => {
    const update = historyFromAnswers(
      {
        'bah-betrayal-kinds': ['infidelity_current'],
        'bah-neglect': true,
        'bah-attachment': 'fearful_avoidant',
        'bah-prior-therapy': true,
        'bah-prior-modalities': ' EMDR in 2022 ',
      },
      current,
    );
    expect(update).toEqual({
      foundationalBetrayal: { kinds: ['infidelity_current'], note: 'Recorded in session.' },
      childhoodEmotionalNeglect: { present: true, note: 'Ask about school years.' },
      attachmentStyle: { style: 'fearful_avoidant', note: 'Push-pull with partner.' },
      priorTherapy: { present: true, modalities: 'EMDR in 2022', note: null },
    });
  });

  it('changes nothing the client left unanswered', () => {
    expect(historyFromAnswers({}, current)).toEqual({});
  });
});
