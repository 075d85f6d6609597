import { Injectable } from '@nestjs/common';
import type { Answers } from '@cairn/contracts';
import { FieldCipher } from '../crypto/field-cipher';
import type { SafetyReviewRecord } from './entities/safety-review.entity';
import type { SafetyScreenRecord } from './entities/safety-screen.entity';

/**
 * Seals a safety screen's answers and a review's decision note like note content: what a person
 * said about violence or control at home never sits in the database in the clear. Each value is
 * bound to its row.
 */
@Injectable()
export class SafetyVault {
  constructor(private readonly cipher: FieldCipher) {}

  sealAnswers(screenId: string, answers: Answers): { answersKeyId: string; answersSealed: Buffer } {
    const sealed = this.cipher.seal(JSON.stringify(answers), `safety_screens:${screenId}:answers`);
    return { answersKeyId: sealed.keyId, answersSealed: sealed.data };
  }

  openAnswers(screen: SafetyScreenRecord): Answers {
    const json = this.cipher.open(
      { keyId: screen.answersKeyId, data: screen.answersSealed },
      `safety_screens:${screen.id}:answers`,
    );
    return JSON.parse(json) as Answers;
  }

  sealNote(reviewId: string, note: string): { noteKeyId: string; noteSealed: Buffer } {
    const sealed = this.cipher.seal(note, `safety_reviews:${reviewId}:note`);
    return { noteKeyId: sealed.keyId, noteSealed: sealed.data };
  }

  openNote(review: SafetyReviewRecord): string | null {
    if (!review.noteKeyId || !review.noteSealed) return null;
    return this.cipher.open(
      { keyId: review.noteKeyId, data: review.noteSealed },
      `safety_reviews:${review.id}:note`,
    );
  }
}
