import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'clinics' })
@Check('clinics_retention_years_range', '"retention_years" BETWEEN 6 AND 100')
export class Clinic {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** IANA time zone; appointments and "today" are read in it. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  /**
   * How long the clinic keeps a closed file before it is listed for review (never deleted by
   * Cairn). At least HIPAA's six years; state law is often longer.
   */
  @Column({ name: 'retention_years', type: 'integer', default: 7 })
  retentionYears!: number;

  /** Staff must set up a second sign-in step; one without it enrols at their next sign-in. */
  @Column({ name: 'mfa_required_for_staff', type: 'boolean', default: false })
  mfaRequiredForStaff!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
