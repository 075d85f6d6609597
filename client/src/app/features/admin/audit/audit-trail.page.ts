import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { DEFAULT_PAGE_SIZE } from '@cairn/contracts';
import { ClinicTimePipe } from '../../../shared/clinic-time.pipe';
import { AuditApiService } from './audit-api.service';
import { AUDIT_ACTION_LABELS, auditActionLabel } from './audit-actions';

/** The clinic's audit trail for the admin: who did what, when and from where, newest first. */
@Component({
  selector: 'cairn-audit-trail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatSelectModule,
    ClinicTimePipe,
  ],
  templateUrl: './audit-trail.page.html',
  styleUrl: './audit-trail.page.scss',
})
export class AuditTrailPage {
  private readonly api = inject(AuditApiService);
  protected readonly columns = ['occurredAt', 'user', 'action', 'record', 'outcome', 'ip'];
  protected readonly actions = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({
    value,
    label,
  }));
  protected readonly label = auditActionLabel;

  protected readonly action = signal('');
  protected readonly page = signal(1);
  protected readonly pageSize = signal(DEFAULT_PAGE_SIZE);
  protected readonly events = rxResource({
    params: () => ({ action: this.action(), page: this.page(), pageSize: this.pageSize() }),
    stream: ({ params }) => this.api.list({ ...params, action: params.action || undefined }),
  });

  protected filterBy(action: string): void {
    this.action.set(action);
    this.page.set(1);
  }

  protected turn(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.page.set(event.pageIndex + 1);
  }
}
