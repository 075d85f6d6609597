import { HOMEWORK_FREQUENCIES, type HomeworkFrequency } from '@cairn/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { User } from '../../users/entities/user.entity';
import { HomeworkTemplateRecord } from './homework-template.entity';

/**
 * A template assigned to one client, with instructions adjusted for them, a frequency and dates
 * (calendar days in the clinic's time zone). Closing it stops what is expected from that day.
 */
@Entity({ name: 'homework_assignments' })
@Index('homework_assignments_client_idx', ['clientId', 'createdAt'])
@Check('homework_assignments_dates', '"ends_on" >= "starts_on"')
@Check('homework_assignments_closed', '("closed_on" IS NULL) = ("closed_at" IS NULL)')
export class HomeworkAssignmentRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId!: string;

  @ManyToOne(() => HomeworkTemplateRecord, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'template_id' })
  template?: HomeworkTemplateRecord;

  @Column({ type: 'text' })
  instructions!: string;

  @Column({ type: 'enum', enum: HOMEWORK_FREQUENCIES, enumName: 'homework_frequency' })
  frequency!: HomeworkFrequency;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  /** The twin assignment of the other partner in couple work. */
  @Column({ name: 'partner_assignment_id', type: 'uuid', nullable: true })
  partnerAssignmentId!: string | null;

  @ManyToOne(() => HomeworkAssignmentRecord, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'partner_assignment_id' })
  partnerAssignment?: HomeworkAssignmentRecord | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The clinic's calendar day of closing: nothing from it on is expected. */
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'closed_by' })
  closer?: User | null;
}
