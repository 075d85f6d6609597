import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  CLIENT_STATUS_LABELS,
  CLIENT_STATUSES,
  DEFAULT_PAGE_SIZE,
  type ClientSort,
  type ClientStatus,
  type ClientSummary,
  todayIn,
} from '@cairn/contracts';
import { debounceTime, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { ageOn } from '../../shared/age';
import { StaffApiService } from '../staff/staff-api.service';
import { ApproximatePaginatorIntl } from './approximate-paginator-intl';
import { ClientsApiService } from './clients-api.service';

type Mode = 'directory' | 'caseload';

const COLUMNS: Record<Mode, string[]> = {
  directory: ['name', 'dateOfBirth', 'status', 'therapist', 'portal'],
  caseload: ['name', 'pronouns', 'age', 'status', 'intakeDate'],
};

const SORTABLE: Record<string, [ClientSort, ClientSort]> = {
  name: ['name', '-name'],
  status: ['status', '-status'],
  intakeDate: ['intakeDate', '-intakeDate'],
};

/**
 * The admin's client directory and the therapist's caseload: one list, searched by name,
 * filtered, sorted and paged on the server. The mode comes from the route.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-client-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDayPipe,
    SkeletonComponent,
    RouterLink,
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatButtonModule,
  ],
  providers: [
    ApproximatePaginatorIntl,
    { provide: MatPaginatorIntl, useExisting: ApproximatePaginatorIntl },
  ],
  templateUrl: './client-list.page.html',
  styleUrl: './client-list.page.scss',
})
export class ClientListPage {
  private readonly api = inject(ClientsApiService);
  private readonly staffApi = inject(StaffApiService);
  private readonly auth = inject(AuthService);
  private readonly paginatorIntl = inject(ApproximatePaginatorIntl);

  /** Route data. */
  readonly mode = input<Mode>('caseload');
  readonly heading = input('Caseload');

  protected readonly statuses = CLIENT_STATUSES;
  protected readonly statusLabels = CLIENT_STATUS_LABELS;
  protected readonly columns = computed(() => COLUMNS[this.mode()]);
  protected readonly base = computed(() =>
    this.mode() === 'directory' ? '/admin/clients' : '/therapist/clients',
  );
  private readonly today = todayIn(this.auth.user()?.clinicTimeZone);

  protected readonly searchText = signal('');
  private readonly q = toSignal(toObservable(this.searchText).pipe(debounceTime(250)), {
    initialValue: '',
  });
  protected readonly status = signal<ClientStatus | ''>('');
  protected readonly therapistId = signal('');
  protected readonly needsTherapist = signal(false);
  protected readonly sort = signal<ClientSort>('name');
  protected readonly page = signal(1);
  protected readonly pageSize = signal(DEFAULT_PAGE_SIZE);

  protected readonly clients = rxResource({
    params: () => ({
      q: this.q().trim() || undefined,
      status: this.status() || undefined,
      therapistId: this.therapistId() || undefined,
      needsReassignment: this.needsTherapist() || undefined,
      sort: this.sort(),
      page: this.page(),
      pageSize: this.pageSize(),
    }),
    stream: ({ params }) => this.api.list(params),
  });

  constructor() {
    // A whole large clinic's total is estimated by the server: the paginator says "about N".
    effect(() => this.paginatorIntl.setApproximate(this.clients.value()?.totalIsEstimate ?? false));
  }

  protected readonly therapists = rxResource({
    params: () => this.mode(),
    stream: ({ params }) => (params === 'directory' ? this.staffApi.list() : of([])),
  });
  protected readonly therapistOptions = computed(() =>
    (this.therapists.value() ?? []).filter((member) => member.role === 'therapist'),
  );

  protected statusLabel(status: ClientStatus): string {
    return CLIENT_STATUS_LABELS[status];
  }

  protected age(client: ClientSummary): string {
    return client.dateOfBirth ? String(ageOn(client.dateOfBirth, this.today)) : '';
  }

  protected search(text: string): void {
    this.searchText.set(text);
    this.page.set(1);
  }

  protected filter<T>(target: { set(value: T): void }, value: T): void {
    target.set(value);
    this.page.set(1);
  }

  protected sortBy(sort: Sort): void {
    const keys = SORTABLE[sort.active];
    this.sort.set(keys && sort.direction === 'desc' ? keys[1] : (keys?.[0] ?? 'name'));
    this.page.set(1);
  }

  protected turn(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.page.set(event.pageIndex + 1);
  }
}
