import { Injectable } from '@nestjs/common';
import type { NoteContent } from '@cairn/contracts';
import { FieldCipher } from '../crypto/field-cipher';
import type { NoteAddendumRecord } from './entities/note-addendum.entity';
import type { SessionNote } from './entities/session-note.entity';

interface Sealed {
  contentKeyId: string;
  contentSealed: Buffer;
}

/**
 * Seals note content and addenda before they reach the database and opens them for a caller the
 * policy has already allowed. Each ciphertext is bound to its row, so it cannot be moved.
 */
@Injectable()
export class NoteVault {
  constructor(private readonly cipher: FieldCipher) {}

  sealContent(noteId: string, content: NoteContent): Sealed {
    const sealed = this.cipher.seal(JSON.stringify(content), `session_notes:${noteId}:content`);
    return { contentKeyId: sealed.keyId, contentSealed: sealed.data };
  }

  openContent(note: SessionNote): NoteContent {
    const json = this.cipher.open(
      { keyId: note.contentKeyId, data: note.contentSealed },
      `session_notes:${note.id}:content`,
    );
    return JSON.parse(json) as NoteContent;
  }

  sealAddendum(addendumId: string, text: string): Sealed {
    const sealed = this.cipher.seal(text, `note_addenda:${addendumId}:content`);
    return { contentKeyId: sealed.keyId, contentSealed: sealed.data };
  }

  openAddendum(addendum: NoteAddendumRecord): string {
    return this.cipher.open(
      { keyId: addendum.contentKeyId, data: addendum.contentSealed },
      `note_addenda:${addendum.id}:content`,
    );
  }
}
