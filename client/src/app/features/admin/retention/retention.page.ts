import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  CLIENT_STATUS_LABELS,
  DEFAULT_PAGE_SIZE,
  RETENTION_YEARS,
  type RetentionFile,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { CalendarDayPipe } from '../../../shared/calendar-day.pipe';
import { PendingAction } from '../../../shared/pending-action';
import { RetentionApiService } from './retention-api.service';

/**
 * Records retention for the admin: the clinic's period, and the closed files whose last activity
 * is older than it. Cairn keeps every record; this page only says which files the clinic may now
 * decide about under its own policy. Names and dates only, never clinical content.
 */
import { SkeletonComponent } from '../../../shared/skeleton.component';
@Component({
  selector: 'cairn-retention',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SkeletonComponent,
    ReactiveFormsModule,
    RouterLink,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    CalendarDayPipe,
  ],
  templateUrl: './retention.page.html',
  styleUrl: './retention.page.scss',
})
export class RetentionPage {
  private readonly api = inject(RetentionApiService);
  protected readonly columns = ['name', 'status', 'lastActivity', 'therapist', 'minor'];
  protected readonly limits = RETENTION_YEARS;
  protected readonly page = signal(1);
  protected readonly pageSize = signal(DEFAULT_PAGE_SIZE);
  protected readonly review = rxResource({
    params: () => ({ page: this.page(), pageSize: this.pageSize() }),
    stream: ({ params }) => this.api.review(params),
  });
  protected readonly years = new FormControl<number>(RETENTION_YEARS.default, {
    nonNullable: true,
    validators: [
      Validators.required,
      Validators.min(RETENTION_YEARS.min),
      Validators.max(RETENTION_YEARS.max),
    ],
  });
  protected readonly form = new FormGroup({ retentionYears: this.years });
  protected readonly saving = new PendingAction();
  protected readonly saved = signal(false);

  constructor() {
    effect(() => {
      const value = this.review.value();
      if (value && !this.years.dirty) this.years.setValue(value.retentionYears);
    });
  }

  protected async save(): Promise<void> {
    if (this.years.invalid) {
      this.years.markAsTouched();
      return;
    }
    this.saved.set(false);
    await this.saving.run(async () => {
      await firstValueFrom(this.api.setPolicy({ retentionYears: this.years.value }));
      this.years.markAsPristine();
      this.saved.set(true);
      this.page.set(1);
      this.review.reload();
    });
  }

  protected statusOf(file: RetentionFile): string {
    return CLIENT_STATUS_LABELS[file.status];
  }

  protected turn(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.page.set(event.pageIndex + 1);
  }
}
