import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { User } from '../../users/entities/user.entity';

/** Send an instrument to the client's portal every N weeks, optionally a limited number of times. */
@Entity({ name: 'measurement_schedules' })
@Index('measurement_schedules_due_idx', ['nextDueOn'], { where: '"active"' })
export class MeasurementScheduleRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @Index('measurement_schedules_client_idx')
  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ name: 'instrument_code', type: 'varchar', length: 16 })
  instrumentCode!: string;

  @Column({ name: 'every_weeks', type: 'integer' })
  everyWeeks!: number;

  @Column({ name: 'max_sends', type: 'integer', nullable: true })
  maxSends!: number | null;

  @Column({ name: 'sends_made', type: 'integer', default: 0 })
  sendsMade!: number;

  @Column({ name: 'next_due_on', type: 'date', nullable: true })
  nextDueOn!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
