import { Injectable } from '@nestjs/common';
import type { ClientProgress, ProgressReportNarrative } from '@cairn/contracts';
import { FieldCipher } from '../crypto/field-cipher';
import type { ProgressReport } from './entities/progress-report.entity';

/** Seals a report's data snapshot and narrative (both clinical) like note content. */
@Injectable()
export class ReportVault {
  constructor(private readonly cipher: FieldCipher) {}

  sealData(reportId: string, data: ClientProgress): { dataKeyId: string; dataSealed: Buffer } {
    const sealed = this.cipher.seal(JSON.stringify(data), `progress_reports:${reportId}:data`);
    return { dataKeyId: sealed.keyId, dataSealed: sealed.data };
  }

  sealNarrative(
    reportId: string,
    narrative: ProgressReportNarrative,
  ): { narrativeKeyId: string; narrativeSealed: Buffer } {
    const sealed = this.cipher.seal(
      JSON.stringify(narrative),
      `progress_reports:${reportId}:narrative`,
    );
    return { narrativeKeyId: sealed.keyId, narrativeSealed: sealed.data };
  }

  openData(report: ProgressReport): ClientProgress {
    return JSON.parse(
      this.cipher.open(
        { keyId: report.dataKeyId, data: report.dataSealed },
        `progress_reports:${report.id}:data`,
      ),
    ) as ClientProgress;
  }

  openNarrative(report: ProgressReport): ProgressReportNarrative {
    return JSON.parse(
      this.cipher.open(
        { keyId: report.narrativeKeyId, data: report.narrativeSealed },
        `progress_reports:${report.id}:narrative`,
      ),
    ) as ProgressReportNarrative;
  }
}
