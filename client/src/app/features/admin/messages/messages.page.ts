import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  PLANNED_MESSAGE_KIND_LABELS,
  PLANNED_MESSAGE_KINDS,
  PLANNED_MESSAGE_STATUSES,
  type PlannedMessageKind,
  type PlannedMessageStatus,
  type PlannedMessageView,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { ClinicTimePipe } from '../../../shared/clinic-time.pipe';
import { PendingAction } from '../../../shared/pending-action';
import { MessagesApiService } from './messages-api.service';

const KIND_LABELS = PLANNED_MESSAGE_KIND_LABELS;

/** The status in words, not the stored code ("sent", "stopped"). */
const STATUS_LABELS: Record<PlannedMessageStatus, string> = {
  planned: 'Planned',
  held: 'Held',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  stopped: 'Stopped',
};

/**
 * What the clinic sent and will send: kind, recipient, when planned, when sent, status. Never a
 * body. A failed message (after its last try) can be sent again.
 */
@Component({
  selector: 'cairn-messages',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, MatTableModule, MatFormFieldModule, MatSelectModule, MatButtonModule],
  template: `
    <header class="header"><h1>Messages</h1></header>
    <p class="muted">
      Reminders, notices and alerts Cairn sends by email. A failed send is tried again a few times;
      after the last try it is marked failed here and can be retried.
    </p>
    <div class="filters">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="status()" (valueChange)="status.set($event)">
          <mat-option [value]="undefined">Any</mat-option>
          @for (option of statuses; track option) {
            <mat-option [value]="option">{{ statusLabels[option] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Kind</mat-label>
        <mat-select [value]="kind()" (valueChange)="kind.set($event)">
          <mat-option [value]="undefined">Any</mat-option>
          @for (option of kinds; track option) {
            <mat-option [value]="option">{{ kindLabel(option) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>
    @if (messages.error()) {
      <p class="problem" role="alert">The messages could not be loaded. Try again in a moment.</p>
    } @else {
      @let rows = messages.value() ?? [];
      @if (rows.length === 0 && !messages.isLoading()) {
        <p class="muted">No messages.</p>
      } @else {
        <div class="table-scroll">
          <table mat-table [dataSource]="rows">
            <ng-container matColumnDef="kind">
              <th mat-header-cell *matHeaderCellDef>Kind</th>
              <td mat-cell *matCellDef="let row">{{ kindLabel(row.kind) }}</td>
            </ng-container>
            <ng-container matColumnDef="recipient">
              <th mat-header-cell *matHeaderCellDef>Recipient</th>
              <td mat-cell *matCellDef="let row">{{ row.recipient }}</td>
            </ng-container>
            <ng-container matColumnDef="planned">
              <th mat-header-cell *matHeaderCellDef>Planned</th>
              <td mat-cell *matCellDef="let row">
                <span class="when">{{ row.dueAt | clinicTime }}</span>
              </td>
            </ng-container>
            <ng-container matColumnDef="sent">
              <th mat-header-cell *matHeaderCellDef>Sent</th>
              <td mat-cell *matCellDef="let row">
                <span class="when">{{ row.sentAt | clinicTime }}</span>
              </td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef>Status</th>
              <td mat-cell *matCellDef="let row">
                <span
                  class="chip"
                  [class.ok]="row.status === 'sent'"
                  [class.warn]="row.status === 'failed'"
                  >{{ statusLabel(row.status) }}</span
                >
                @if (row.status === 'planned' && row.attempts > 0) {
                  <span class="muted">(retrying: {{ row.lastError }})</span>
                }
                @if (row.status === 'failed') {
                  <span class="muted">after {{ row.attempts }} tries</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef></th>
              <td mat-cell *matCellDef="let row">
                @if (row.status === 'failed') {
                  <button
                    mat-stroked-button
                    type="button"
                    [disabled]="retrying.busy()"
                    (click)="retry(row)"
                  >
                    Retry
                  </button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
      }
      @if (retrying.error(); as problem) {
        <p class="problem" role="alert">{{ problem }}</p>
      }
    }
  `,
  styles: `
    .filters {
      display: flex;
      gap: 16px;
      flex-wrap: wrap;
      margin: 16px 0;
    }
    table {
      width: 100%;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant, #555);
    }
    .problem {
      color: var(--mat-sys-error, #b3261e);
    }
  `,
})
export class MessagesPage {
  private readonly api = inject(MessagesApiService);
  protected readonly columns = ['kind', 'recipient', 'planned', 'sent', 'status', 'actions'];
  protected readonly statuses = PLANNED_MESSAGE_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected statusLabel(status: PlannedMessageStatus): string {
    return STATUS_LABELS[status];
  }
  protected readonly kinds = PLANNED_MESSAGE_KINDS;
  protected readonly status = signal<PlannedMessageStatus | undefined>(undefined);
  protected readonly kind = signal<PlannedMessageKind | undefined>(undefined);
  protected readonly messages = rxResource({
    params: () => ({ status: this.status(), kind: this.kind() }),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly retrying = new PendingAction();

  protected kindLabel(kind: PlannedMessageKind): string {
    return KIND_LABELS[kind];
  }

  protected async retry(row: PlannedMessageView): Promise<void> {
    await this.retrying.run(async () => {
      await firstValueFrom(this.api.retry(row.id));
      this.messages.reload();
    });
  }
}
