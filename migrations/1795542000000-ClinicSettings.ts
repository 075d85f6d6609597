import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time zones where the 988 Lifeline and 911 answer, and the crisis resources text US clinics
 * start with, as they were when this migration was written (a migration never changes with the
 * code after it).
 */
const US_TIME_ZONES = [
  'America/New_York',
  'America/Detroit',
  'America/Kentucky/Louisville',
  'America/Kentucky/Monticello',
  'America/Indiana/Indianapolis',
  'America/Indiana/Vincennes',
  'America/Indiana/Winamac',
  'America/Indiana/Marengo',
  'America/Indiana/Petersburg',
  'America/Indiana/Vevay',
  'America/Indiana/Tell_City',
  'America/Indiana/Knox',
  'America/Chicago',
  'America/Menominee',
  'America/North_Dakota/Center',
  'America/North_Dakota/New_Salem',
  'America/North_Dakota/Beulah',
  'America/Denver',
  'America/Boise',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Juneau',
  'America/Sitka',
  'America/Metlakatla',
  'America/Yakutat',
  'America/Nome',
  'America/Adak',
  'Pacific/Honolulu',
  'US/Eastern',
  'US/Central',
  'US/Mountain',
  'US/Pacific',
  'US/Arizona',
  'US/Alaska',
  'US/Hawaii',
  'US/Aleutian',
  'US/East-Indiana',
  'US/Indiana-Starke',
  'US/Michigan',
];

const US_CRISIS_RESOURCES_TEXT = [
  '988 Suicide & Crisis Lifeline',
  'Call or text 988',
  'Free and confidential, any time of the day or night.',
  '',
  'Emergency services',
  'Call 911',
  'If you are in danger now, or might act on thoughts of harming yourself.',
  '',
  'National Domestic Violence Hotline',
  'Call 1-800-799-7233 or text START to 88788',
  'If someone at home is hurting, threatening or controlling you.',
].join('\n');

/**
 * Clinic settings: letterhead (address, phone), paper size, crisis resources, sender name and
 * idle time-out. Existing clinics get their defaults written out: US Letter and the US crisis
 * resources in a US time zone, A4 and none (the admin is asked for them) elsewhere; their name as
 * the sender; 15 minutes. A clinic created later without them reads the same defaults in code.
 */
export class ClinicSettings1795542000000 implements MigrationInterface {
  name = 'ClinicSettings1795542000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clinics" ADD "address" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "clinics" ADD "phone" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "clinics" ADD "paper_size" character varying(8)`);
    await queryRunner.query(`ALTER TABLE "clinics" ADD "crisis_resources" text`);
    await queryRunner.query(`ALTER TABLE "clinics" ADD "sender_name" character varying(100)`);
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD "idle_timeout_minutes" integer NOT NULL DEFAULT '15'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD CONSTRAINT "clinics_paper_size_known" CHECK ("paper_size" IN ('letter', 'a4'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD CONSTRAINT "clinics_idle_timeout_range" CHECK ("idle_timeout_minutes" BETWEEN 5 AND 30)`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD CONSTRAINT "clinics_crisis_resources_length" CHECK (char_length("crisis_resources") <= 4000)`,
    );
    await queryRunner.query(
      `UPDATE "clinics"
          SET "paper_size" = CASE WHEN "time_zone" = ANY($1::text[]) THEN 'letter' ELSE 'a4' END,
              "crisis_resources" = CASE WHEN "time_zone" = ANY($1::text[]) THEN $2 ELSE '' END,
              "sender_name" = left("name", 100)`,
      [US_TIME_ZONES, US_CRISIS_RESOURCES_TEXT],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "clinics" DROP CONSTRAINT "clinics_crisis_resources_length"`,
    );
    await queryRunner.query(`ALTER TABLE "clinics" DROP CONSTRAINT "clinics_idle_timeout_range"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP CONSTRAINT "clinics_paper_size_known"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "idle_timeout_minutes"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "sender_name"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "crisis_resources"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "paper_size"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "phone"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "address"`);
  }
}
