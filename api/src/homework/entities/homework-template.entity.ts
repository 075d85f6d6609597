import { HOMEWORK_KINDS, type HomeworkKind } from '@cairn/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';

/**
 * An exercise a clinic's therapists can assign: the library's (with a stable `library_key`,
 * copied in for each clinic) or one a therapist of the clinic wrote.
 */
@Entity({ name: 'homework_templates' })
@Index('homework_templates_library_key', ['clinicId', 'libraryKey'], {
  unique: true,
  where: '"library_key" IS NOT NULL',
})
@Index('homework_templates_clinic_idx', ['clinicId', 'title'])
@Check('homework_templates_check_in_form', `("kind" = 'check_in') = ("check_in_form" IS NOT NULL)`)
@Check('homework_templates_reading', `("kind" = 'reading') = ("reading_key" IS NOT NULL)`)
export class HomeworkTemplateRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column({ name: 'library_key', type: 'varchar', length: 60, nullable: true })
  libraryKey!: string | null;

  @Column({ type: 'varchar', length: 120 })
  title!: string;

  @Column({ type: 'varchar', length: 500 })
  why!: string;

  @Column({ type: 'text' })
  instructions!: string;

  @Column({ type: 'enum', enum: HOMEWORK_KINDS, enumName: 'homework_kind' })
  kind!: HomeworkKind;

  @Column({ name: 'check_in_form', type: 'varchar', length: 40, nullable: true })
  checkInForm!: string | null;

  /** The reading of the portal's reading library, for `reading` templates. */
  @Column({ name: 'reading_key', type: 'varchar', length: 60, nullable: true })
  readingKey!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'created_by' })
  creator?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
