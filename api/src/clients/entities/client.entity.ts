import { CLIENT_STATUSES, type ClientStatus } from '@cairn/contracts';
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
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';

/**
 * A client file: who the person is and how to reach them. Clinical intake lives in its own table
 * (`client_intakes`) so that demographic queries cannot carry it by accident. Never deleted: a
 * client is discharged.
 *
 * Name search and name order use expression indexes the migration creates (trigram and
 * lower-case); `synchronize: false` tells TypeORM to leave them alone.
 */
@Entity({ name: 'clients' })
@Index('clients_name_search_idx', { synchronize: false })
@Index('clients_clinic_sort_idx', { synchronize: false })
@Index('clients_therapist_sort_idx', { synchronize: false })
@Index('clients_partner_key', ['partnerId'], { unique: true, where: '"partner_id" IS NOT NULL' })
@Index('clients_portal_user_key', ['portalUserId'], {
  unique: true,
  where: '"portal_user_id" IS NOT NULL',
})
@Check('clients_partner_not_self', '"partner_id" <> "id"')
export class Client {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column({ name: 'legal_name', type: 'varchar', length: 200 })
  legalName!: string;

  @Column({ name: 'preferred_name', type: 'varchar', length: 100, nullable: true })
  preferredName!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  pronouns!: string | null;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  @Column({ name: 'emergency_contact_name', type: 'varchar', length: 200, nullable: true })
  emergencyContactName!: string | null;

  @Column({ name: 'emergency_contact_relationship', type: 'varchar', length: 80, nullable: true })
  emergencyContactRelationship!: string | null;

  @Column({ name: 'emergency_contact_phone', type: 'varchar', length: 40, nullable: true })
  emergencyContactPhone!: string | null;

  @Column({ type: 'enum', enum: CLIENT_STATUSES, enumName: 'client_status', default: 'prospect' })
  status!: ClientStatus;

  @Column({ name: 'primary_therapist_id', type: 'uuid', nullable: true })
  primaryTherapistId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'primary_therapist_id' })
  primaryTherapist?: User | null;

  @Column({ name: 'referral_source', type: 'varchar', length: 200, nullable: true })
  referralSource!: string | null;

  @Column({ name: 'intake_date', type: 'date', nullable: true })
  intakeDate!: string | null;

  @Column({ name: 'portal_user_id', type: 'uuid', nullable: true })
  portalUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'portal_user_id' })
  portalUser?: User | null;

  /** The other partner in couple work; both files point at each other. */
  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'partner_id' })
  partner?: Client | null;

  /** Whether the client asked for appointment reminders and portal notices by email. */
  @Column({ name: 'reminder_consent', type: 'boolean', default: false })
  reminderConsent!: boolean;

  /** Homework nudges: only the client turns them on, in the portal. */
  @Column({ name: 'homework_nudge_consent', type: 'boolean', default: false })
  homeworkNudgeConsent!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
