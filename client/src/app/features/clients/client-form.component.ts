import { ChangeDetectionStrategy, Component, effect, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  CLIENT_STATUS_LABELS,
  CLIENT_STATUSES,
  type ClientDemographics,
  type ClientStatus,
  type FieldProblem,
  type StaffMember,
} from '@cairn/contracts';

export interface ClientFormValue extends ClientDemographics {
  primaryTherapistId: string | null;
}

/** Blank text means "no value". */
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * The demographic part of a client file: who the person is and how to reach them. Used to open a
 * file (with a therapist to assign) and to edit one. Validation mirrors the API's, which has the
 * last word: its field problems are shown beside the inputs.
 */
@Component({
  selector: 'cairn-client-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  templateUrl: './client-form.component.html',
  styleUrl: './client-form.component.scss',
})
export class ClientFormComponent {
  readonly initial = input<Partial<ClientDemographics> | null>(null);
  /** Offered as the primary therapist when opening a file; omitted when editing. */
  readonly therapists = input<StaffMember[] | null>(null);
  readonly problems = input<FieldProblem[]>([]);
  readonly busy = input(false);
  readonly submitLabel = input('Save');
  readonly saved = output<ClientFormValue>();
  readonly cancelled = output<void>();

  protected readonly statuses = CLIENT_STATUSES;
  protected readonly statusLabels = CLIENT_STATUS_LABELS;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    legalName: ['', [Validators.required, Validators.maxLength(200)]],
    preferredName: ['', Validators.maxLength(100)],
    pronouns: ['', Validators.maxLength(40)],
    dateOfBirth: [''],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    phone: ['', Validators.pattern(/^\+?[0-9 ().-]{5,40}$/)],
    emergencyName: ['', Validators.maxLength(200)],
    emergencyRelationship: ['', Validators.maxLength(80)],
    emergencyPhone: ['', Validators.pattern(/^\+?[0-9 ().-]{5,40}$/)],
    referralSource: ['', Validators.maxLength(200)],
    intakeDate: [''],
    status: this.fb.control<ClientStatus>('prospect'),
    primaryTherapistId: [''],
  });

  constructor() {
    effect(() => {
      const client = this.initial();
      if (!client) return;
      this.form.patchValue({
        legalName: client.legalName ?? '',
        preferredName: client.preferredName ?? '',
        pronouns: client.pronouns ?? '',
        dateOfBirth: client.dateOfBirth ?? '',
        email: client.email ?? '',
        phone: client.phone ?? '',
        emergencyName: client.emergencyContact?.name ?? '',
        emergencyRelationship: client.emergencyContact?.relationship ?? '',
        emergencyPhone: client.emergencyContact?.phone ?? '',
        referralSource: client.referralSource ?? '',
        intakeDate: client.intakeDate ?? '',
        status: client.status ?? 'prospect',
      });
    });
  }

  protected problemFor(field: string): string | null {
    return (
      this.problems()
        .find((problem) => problem.field === field || problem.field.startsWith(`${field}.`))
        ?.problems.join('; ') ?? null
    );
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const emergencyName = orNull(value.emergencyName);
    const emergencyPhone = orNull(value.emergencyPhone);
    this.saved.emit({
      legalName: value.legalName.trim(),
      preferredName: orNull(value.preferredName),
      pronouns: orNull(value.pronouns),
      dateOfBirth: orNull(value.dateOfBirth),
      email: orNull(value.email),
      phone: orNull(value.phone),
      emergencyContact:
        emergencyName || emergencyPhone
          ? {
              name: emergencyName ?? '',
              relationship: orNull(value.emergencyRelationship),
              phone: emergencyPhone ?? '',
            }
          : null,
      referralSource: orNull(value.referralSource),
      intakeDate: orNull(value.intakeDate),
      status: value.status,
      primaryTherapistId: orNull(value.primaryTherapistId),
    });
  }
}
