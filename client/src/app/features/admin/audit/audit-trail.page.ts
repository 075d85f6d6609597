import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  AUDIT_CATEGORIES,
  AUDIT_OUTCOMES,
  type AuditCategory,
  type AuditEventQuery,
  type AuditOutcome,
} from '@cairn/contracts';
import { of } from 'rxjs';
import { ClinicTimePipe } from '../../../shared/clinic-time.pipe';
import { ClientsApiService } from '../../clients/clients-api.service';
import { StaffApiService } from '../../staff/staff-api.service';
import { AuditApiService } from './audit-api.service';

const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  success: 'Done',
  failure: 'Failed',
  denied: 'Refused',
};

/**
 * The clinic's audit trail for the admin, as an auditor reads it: the person and the client file
 * by name, the action in words; filtered by person, file, kind of event, outcome and dates;
 * paged newest first by position; exported as CSV.
 */
import { SkeletonComponent } from '../../../shared/skeleton.component';
@Component({
  selector: 'cairn-audit-trail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SkeletonComponent,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    ClinicTimePipe,
  ],
  templateUrl: './audit-trail.page.html',
  styleUrl: './audit-trail.page.scss',
})
export class AuditTrailPage {
  private readonly api = inject(AuditApiService);
  private readonly clientsApi = inject(ClientsApiService);
  protected readonly columns = ['occurredAt', 'user', 'action', 'client', 'outcome', 'ip'];
  protected readonly categories = Object.entries(AUDIT_CATEGORIES).map(([value, label]) => ({
    value: value as AuditCategory,
    label,
  }));
  protected readonly outcomes = AUDIT_OUTCOMES.map((value) => ({
    value,
    label: OUTCOME_LABELS[value],
  }));
  protected readonly outcomeLabel = (outcome: AuditOutcome) => OUTCOME_LABELS[outcome];

  protected readonly userId = signal('');
  protected readonly clientId = signal('');
  protected readonly category = signal<AuditCategory | ''>('');
  protected readonly outcome = signal<AuditOutcome | ''>('');
  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly clientSearch = signal('');
  /** Cursors of the pages before this one, so "Newer" can go back. */
  private readonly trail = signal<(string | undefined)[]>([]);
  private readonly before = signal<string | undefined>(undefined);
  protected readonly exporting = signal(false);
  protected readonly exportProblem = signal<string | null>(null);

  private readonly staffApi = inject(StaffApiService);
  protected readonly staff = rxResource({ stream: () => this.staffApi.list() });
  protected readonly clientMatches = rxResource({
    params: () => this.clientSearch().trim(),
    stream: ({ params }) =>
      params.length < 2 ? of(null) : this.clientsApi.list({ q: params, page: 1, pageSize: 8 }),
  });

  private readonly filters = computed<AuditEventQuery>(() => ({
    userId: this.userId() || undefined,
    clientId: this.clientId() || undefined,
    category: this.category() || undefined,
    outcome: this.outcome() || undefined,
    from: this.from() || undefined,
    to: this.to() || undefined,
  }));
  protected readonly events = rxResource({
    params: () => ({ ...this.filters(), before: this.before() }),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly hasNewer = computed(() => this.trail().length > 0);

  /** Any filter change starts again at the newest events. */
  protected set(filter: 'userId' | 'clientId' | 'from' | 'to', value: string): void {
    this[filter].set(value);
    this.restart();
  }

  protected setCategory(value: AuditCategory | ''): void {
    this.category.set(value);
    this.restart();
  }

  protected setOutcome(value: AuditOutcome | ''): void {
    this.outcome.set(value);
    this.restart();
  }

  protected chooseClient(id: string): void {
    this.clientId.set(id);
    this.clientSearch.set('');
    this.restart();
  }

  protected older(): void {
    const next = this.events.value()?.nextBefore;
    if (!next) return;
    this.trail.update((trail) => [...trail, this.before()]);
    this.before.set(next);
  }

  protected newer(): void {
    const trail = this.trail();
    this.trail.set(trail.slice(0, -1));
    this.before.set(trail[trail.length - 1]);
  }

  protected download(): void {
    this.exporting.set(true);
    this.exportProblem.set(null);
    this.api.export(this.filters()).subscribe({
      next: (blob) => {
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = `audit-trail-${new Date().toISOString().slice(0, 10)}.csv`;
        link.click();
        URL.revokeObjectURL(url);
        this.exporting.set(false);
      },
      error: () => {
        this.exportProblem.set(
          'The export could not be made. If many events match, narrow the dates and try again.',
        );
        this.exporting.set(false);
      },
    });
  }

  private restart(): void {
    this.trail.set([]);
    this.before.set(undefined);
  }
}
