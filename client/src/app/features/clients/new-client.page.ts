import { PendingAction } from '../../shared/pending-action';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { FieldProblem } from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { fieldProblems } from '../../shared/api-error';
import { StaffApiService } from '../staff/staff-api.service';
import { ClientFormComponent, type ClientFormValue } from './client-form.component';
import { ClientsApiService } from './clients-api.service';

@Component({
  selector: 'cairn-new-client',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClientFormComponent, RouterLink],
  template: `
    <a routerLink="/admin/clients" class="back">← Clients</a>
    <h1>New client</h1>
    @if (action.error(); as message) {
      <p class="problem" role="alert">{{ message }}</p>
    }
    <cairn-client-form
      [therapists]="therapists()"
      [problems]="problems()"
      [busy]="action.busy()"
      submitLabel="Open file"
      (saved)="create($event)"
      (cancelled)="back()"
    />
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
    }
    .back {
      color: var(--mat-sys-primary);
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class NewClientPage {
  private readonly api = inject(ClientsApiService);
  private readonly router = inject(Router);
  private readonly staffApi = inject(StaffApiService);
  private readonly staff = rxResource({ stream: () => this.staffApi.list() });
  protected readonly therapists = computed(() =>
    (this.staff.value() ?? []).filter((member) => member.role === 'therapist' && member.isActive),
  );
  protected readonly action = new PendingAction();
  protected readonly problems = signal<FieldProblem[]>([]);

  protected async create(value: ClientFormValue): Promise<void> {
    await this.action.run(
      async () => {
        const client = await firstValueFrom(this.api.create(value));
        await this.router.navigate(['/admin/clients', client.id]);
      },
      'The file could not be opened. Please try again.',
      (error) => {
        this.problems.set(fieldProblems(error));
      },
    );
  }

  protected back(): void {
    void this.router.navigate(['/admin/clients']);
  }
}
