import {
  PAPER_SIZES,
  type ClinicSettings,
  type ClinicSettingsView,
  type PaperSize,
} from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import { crisisResourcesTextOf, isUsTimeZone } from './crisis-resources';
import { Clinic } from './entities/clinic.entity';

/** US Letter where the clinic keeps US time, A4 everywhere else. */
export function defaultPaperSizeFor(timeZone: string): PaperSize {
  return isUsTimeZone(timeZone) ? 'letter' : 'a4';
}

function isPaperSize(value: string | null): value is PaperSize {
  return (PAPER_SIZES as readonly (string | null)[]).includes(value);
}

/**
 * A clinic's settings as they apply: what it chose, and for what it never chose the default of
 * its time zone (paper, crisis resources) or its name (the sender). Read here, not column by
 * column, so every PDF, email and portal page agrees.
 */
export function settingsOf(clinic: Clinic): ClinicSettings {
  return {
    name: clinic.name,
    address: clinic.address,
    phone: clinic.phone,
    timeZone: clinic.timeZone,
    paperSize: isPaperSize(clinic.paperSize)
      ? clinic.paperSize
      : defaultPaperSizeFor(clinic.timeZone),
    crisisResources: crisisResourcesTextOf(clinic),
    senderName: clinic.senderName ?? clinic.name,
    idleTimeoutMinutes: clinic.idleTimeoutMinutes,
  };
}

export function settingsView(clinic: Clinic): ClinicSettingsView {
  const settings = settingsOf(clinic);
  return { ...settings, crisisResourcesMissing: settings.crisisResources.trim() === '' };
}

/** The clinic row, for work that needs more of it than its time zone. */
export function clinicOf(manager: EntityManager, clinicId: string): Promise<Clinic> {
  return manager.findOneByOrFail(Clinic, { id: clinicId });
}

/** What a PDF's letterhead and page need of the clinic. */
export interface Letterhead {
  clinicName: string;
  address: string | null;
  phone: string | null;
  paperSize: PaperSize;
}

export function letterheadOf(clinic: Clinic): Letterhead {
  const settings = settingsOf(clinic);
  return {
    clinicName: settings.name,
    address: settings.address,
    phone: settings.phone,
    paperSize: settings.paperSize,
  };
}
