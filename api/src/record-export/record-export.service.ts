import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { RecordExportBuilder } from './record-export-builder';

export interface RecordExport {
  zip: Uint8Array;
  files: string[];
}

/**
 * The record zip answered at once (`GET /api/clients/{id}/record-export`), for a small record or
 * a script; the same zip as a job is `RecordExportsService`. One audit row per export.
 */
@Injectable()
export class RecordExportService {
  constructor(
    private readonly builder: RecordExportBuilder,
    private readonly audit: AuditService,
  ) {}

  async export(actor: AuthenticatedUser, clientId: string): Promise<RecordExport> {
    const { zip, files, clinical } = await this.builder.build(actor, clientId, 'staff');
    await this.audit.record({
      action: 'client.record_exported',
      entityType: 'client',
      entityId: clientId,
      detail: { files: files.length, clinical, bytes: zip.length },
    });
    return { zip, files };
  }
}
