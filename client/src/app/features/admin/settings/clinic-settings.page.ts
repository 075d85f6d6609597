import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import {
  CLINIC_SETTINGS_MAX,
  crisisResourcesFromText,
  IDLE_TIMEOUT_MINUTES,
  PAPER_SIZE_LABELS,
  PAPER_SIZES,
  type ClinicSettingsView,
  type CrisisSupport,
  type FieldProblem,
  type PaperSize,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { fieldProblems } from '../../../shared/api-error';
import { PendingAction } from '../../../shared/pending-action';
import { CrisisPanelComponent } from '../../support/crisis-panel.component';
import { ClinicSettingsApiService } from './clinic-settings-api.service';

type SettingsForm = FormGroup<{
  name: FormControl<string>;
  address: FormControl<string>;
  phone: FormControl<string>;
  timeZone: FormControl<string>;
  paperSize: FormControl<PaperSize>;
  crisisResources: FormControl<string>;
  senderName: FormControl<string>;
  idleTimeoutMinutes: FormControl<number>;
}>;

const text = (max: number, required = false) =>
  new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(max), ...(required ? [Validators.required] : [])],
  });

/**
 * The clinic's settings for its admin: the letterhead on every PDF, the time zone and paper, the
 * crisis resources clients see (with a preview as the portal shows them), the name emails come
 * from and the idle time-out. The API checks everything again and names any field it refuses.
 */
@Component({
  selector: 'cairn-clinic-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatButtonModule,
    CrisisPanelComponent,
  ],
  templateUrl: './clinic-settings.page.html',
  styleUrl: './clinic-settings.page.scss',
})
export class ClinicSettingsPage {
  private readonly api = inject(ClinicSettingsApiService);
  private readonly auth = inject(AuthService);
  protected readonly max = CLINIC_SETTINGS_MAX;
  protected readonly idle = IDLE_TIMEOUT_MINUTES;
  protected readonly paperSizes = PAPER_SIZES.map((value) => ({
    value,
    label: PAPER_SIZE_LABELS[value],
  }));
  protected readonly timeZones = Intl.supportedValuesOf('timeZone');
  protected readonly settings = rxResource({ stream: () => this.api.get() });
  protected readonly form: SettingsForm = new FormGroup({
    name: text(CLINIC_SETTINGS_MAX.name, true),
    address: text(CLINIC_SETTINGS_MAX.address),
    phone: text(CLINIC_SETTINGS_MAX.phone),
    timeZone: text(64, true),
    paperSize: new FormControl<PaperSize>('letter', { nonNullable: true }),
    crisisResources: text(CLINIC_SETTINGS_MAX.crisisResources),
    senderName: text(CLINIC_SETTINGS_MAX.senderName, true),
    idleTimeoutMinutes: new FormControl<number>(IDLE_TIMEOUT_MINUTES.default, {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.min(IDLE_TIMEOUT_MINUTES.min),
        Validators.max(IDLE_TIMEOUT_MINUTES.max),
      ],
    }),
  });
  protected readonly saving = new PendingAction();
  protected readonly saved = signal(false);
  protected readonly problems = signal<FieldProblem[]>([]);
  private readonly crisisText = toSignal(this.form.controls.crisisResources.valueChanges, {
    initialValue: '',
  });
  protected readonly crisisMissing = computed(() => this.crisisText().trim() === '');
  /** The portal's panel, drawn from the text as typed. */
  protected readonly preview = computed<CrisisSupport>(() => ({
    message: 'This is how your clients see them, under "If you need help now".',
    followUp: '',
    resources: crisisResourcesFromText(this.crisisText()),
  }));

  constructor() {
    // The form shows once the settings are in (never half-empty), and is filled then.
    effect(() => {
      const value = this.settings.value();
      if (value && this.form.pristine) this.fill(value);
    });
  }

  /** The server's word on a field, shown under it. */
  protected problemOf(field: string): string | null {
    const found = this.problems().find((problem) => problem.field === field);
    return found ? found.problems.join(' ') : null;
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saved.set(false);
    this.problems.set([]);
    const value = this.form.getRawValue();
    await this.saving.run(
      async () => {
        const saved = await firstValueFrom(
          this.api.update({
            ...value,
            address: value.address.trim() || null,
            phone: value.phone.trim() || null,
            idleTimeoutMinutes: Number(value.idleTimeoutMinutes),
          }),
        );
        this.fill(saved);
        this.auth.clinicChanged(saved);
        this.saved.set(true);
      },
      'The settings could not be saved. Please try again.',
      (error) => this.problems.set(fieldProblems(error)),
    );
  }

  private fill(value: ClinicSettingsView): void {
    this.form.setValue({
      name: value.name,
      address: value.address ?? '',
      phone: value.phone ?? '',
      timeZone: value.timeZone,
      paperSize: value.paperSize,
      crisisResources: value.crisisResources,
      senderName: value.senderName,
      idleTimeoutMinutes: value.idleTimeoutMinutes,
    });
    this.form.markAsPristine();
  }
}
