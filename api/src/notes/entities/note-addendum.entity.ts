import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';
import { SessionNote } from './session-note.entity';

/**
 * A dated, signed entry under a signed note: the only way a signed note is corrected or added to.
 * Encrypted like the note; a trigger refuses any update or deletion.
 */
@Entity({ name: 'note_addenda' })
@Index('note_addenda_note_idx', ['noteId', 'createdAt'])
export class NoteAddendumRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The tenant: row-level security compares it with the clinic of the request. */
  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column({ name: 'note_id', type: 'uuid' })
  noteId!: string;

  @ManyToOne(() => SessionNote, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'note_id' })
  note?: SessionNote;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column({ name: 'content_key_id', type: 'varchar', length: 32 })
  contentKeyId!: string;

  @Column({ name: 'content_sealed', type: 'bytea' })
  contentSealed!: Buffer;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
