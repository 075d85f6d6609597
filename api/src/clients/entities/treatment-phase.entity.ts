import { TREATMENT_PHASES, type TreatmentPhase } from '@cairn/contracts';
import {
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
import { Client } from './client.entity';

/** One entry of a client's phase-of-care history; the latest start date is the current phase. */
@Entity({ name: 'client_treatment_phases' })
@Index('client_treatment_phases_day_key', ['clientId', 'startedOn'], { unique: true })
export class TreatmentPhaseRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The tenant: row-level security compares it with the clinic of the request. */
  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ type: 'enum', enum: TREATMENT_PHASES, enumName: 'treatment_phase' })
  phase!: TreatmentPhase;

  @Column({ name: 'started_on', type: 'date' })
  startedOn!: string;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'recorded_by' })
  recorder?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
