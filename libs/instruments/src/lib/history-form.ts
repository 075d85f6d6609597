import {
  ATTACHMENT_STYLES,
  BETRAYAL_KINDS,
  type AttachmentStyle,
  type BetrayalKind,
  type ClientHistory,
} from '@cairn/contracts';
import type { Answers } from './definition';

const isBetrayalKind = (value: string): value is BetrayalKind =>
  (BETRAYAL_KINDS as readonly string[]).includes(value);
const isAttachmentStyle = (value: string): value is AttachmentStyle =>
  (ATTACHMENT_STYLES as readonly string[]).includes(value);

/**
 * The history checklist items a completed history form answers. Only what the client answered is
 * returned, so their silence never erases what the therapist recorded.
 */
export function historyFromAnswers(
  answers: Answers,
  current: ClientHistory,
): Partial<ClientHistory> {
  const update: Partial<ClientHistory> = {};
  const kinds = answers['bah-betrayal-kinds'];
  const note = answers['bah-betrayal-note'];
  if (Array.isArray(kinds) || typeof note === 'string') {
    update.foundationalBetrayal = {
      kinds: Array.isArray(kinds)
        ? kinds.filter(isBetrayalKind)
        : current.foundationalBetrayal.kinds,
      note:
        typeof note === 'string' && note.trim() ? note.trim() : current.foundationalBetrayal.note,
    };
  }
  const presence = (
    itemId: string,
    key: 'childhoodEmotionalNeglect' | 'chaosOrAddictionAtHome' | 'parentification',
  ) => {
    const answer = answers[itemId];
    if (typeof answer === 'boolean') update[key] = { present: answer, note: current[key].note };
  };
  presence('bah-neglect', 'childhoodEmotionalNeglect');
  presence('bah-chaos', 'chaosOrAddictionAtHome');
  presence('bah-parentification', 'parentification');
  const style = answers['bah-attachment'];
  if (typeof style === 'string' && isAttachmentStyle(style)) {
    update.attachmentStyle = { style, note: current.attachmentStyle.note };
  }
  const prior = answers['bah-prior-therapy'];
  const modalities = answers['bah-prior-modalities'];
  if (typeof prior === 'boolean' || typeof modalities === 'string') {
    update.priorTherapy = {
      present: typeof prior === 'boolean' ? prior : current.priorTherapy.present,
      modalities:
        typeof modalities === 'string' && modalities.trim()
          ? modalities.trim()
          : current.priorTherapy.modalities,
      note: current.priorTherapy.note,
    };
  }
  return update;
}
