import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  ATTACHMENT_STYLE_LABELS,
  ATTACHMENT_STYLES,
  BETRAYAL_KIND_LABELS,
  BETRAYAL_KINDS,
  DISCLOSURE_STATUS_LABELS,
  DISCLOSURE_STATUSES,
  RELATIONSHIP_STATUS_LABELS,
  RELATIONSHIP_STATUSES,
  type AttachmentStyle,
  type BetrayalKind,
  type ClientDetail,
  type ClientIntake,
  type ClientIntakeUpdate,
  type DisclosureStatus,
  type RelationshipStatus,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';
import { ClientsApiService } from './clients-api.service';

type Presence = 'yes' | 'no' | 'unknown';
const toPresence = (value: boolean | null): Presence =>
  value === null ? 'unknown' : value ? 'yes' : 'no';
const fromPresence = (value: Presence): boolean | null =>
  value === 'unknown' ? null : value === 'yes';
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The intake: presenting concerns, where the relationship stands, and the history checklist. */
@Component({
  selector: 'cairn-intake-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatCheckboxModule,
    MatButtonModule,
  ],
  templateUrl: './intake-card.component.html',
  styleUrl: './clinical-card.scss',
})
export class IntakeCardComponent {
  private readonly api = inject(ClientsApiService);
  readonly clientId = input.required<string>();
  readonly intake = input.required<ClientIntake>();
  readonly changed = output<ClientDetail>();

  protected readonly relationshipStatuses = RELATIONSHIP_STATUSES;
  protected readonly relationshipLabels = RELATIONSHIP_STATUS_LABELS;
  protected readonly disclosureStatuses = DISCLOSURE_STATUSES;
  protected readonly disclosureLabels = DISCLOSURE_STATUS_LABELS;
  protected readonly betrayalKinds = BETRAYAL_KINDS;
  protected readonly betrayalLabels = BETRAYAL_KIND_LABELS;
  protected readonly attachmentStyles = ATTACHMENT_STYLES;
  protected readonly attachmentLabels = ATTACHMENT_STYLE_LABELS;
  protected readonly historyItems = [
    { key: 'childhoodEmotionalNeglect', label: 'Childhood emotional neglect' },
    { key: 'chaosOrAddictionAtHome', label: 'Chaos or addiction at home' },
    { key: 'parentification', label: 'Parentification' },
  ] as const;
  protected readonly presence = toPresence;

  protected readonly editing = signal(false);
  protected readonly action = new PendingAction();
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    presentingConcerns: [''],
    relationshipStatus: this.fb.control<RelationshipStatus | ''>(''),
    disclosureStatus: this.fb.control<DisclosureStatus | ''>(''),
    betrayalKinds: this.fb.control<BetrayalKind[]>([]),
    betrayalNote: [''],
    childhoodEmotionalNeglect: this.fb.control<Presence>('unknown'),
    childhoodEmotionalNeglectNote: [''],
    chaosOrAddictionAtHome: this.fb.control<Presence>('unknown'),
    chaosOrAddictionAtHomeNote: [''],
    parentification: this.fb.control<Presence>('unknown'),
    parentificationNote: [''],
    attachmentStyle: this.fb.control<AttachmentStyle | ''>(''),
    attachmentNote: [''],
    priorTherapy: this.fb.control<Presence>('unknown'),
    priorModalities: [''],
    priorTherapyNote: [''],
  });

  protected edit(): void {
    const { history, ...intake } = this.intake();
    this.form.setValue({
      presentingConcerns: intake.presentingConcerns ?? '',
      relationshipStatus: intake.relationshipStatus ?? '',
      disclosureStatus: intake.disclosureStatus ?? '',
      betrayalKinds: history.foundationalBetrayal.kinds,
      betrayalNote: history.foundationalBetrayal.note ?? '',
      childhoodEmotionalNeglect: toPresence(history.childhoodEmotionalNeglect.present),
      childhoodEmotionalNeglectNote: history.childhoodEmotionalNeglect.note ?? '',
      chaosOrAddictionAtHome: toPresence(history.chaosOrAddictionAtHome.present),
      chaosOrAddictionAtHomeNote: history.chaosOrAddictionAtHome.note ?? '',
      parentification: toPresence(history.parentification.present),
      parentificationNote: history.parentification.note ?? '',
      attachmentStyle: history.attachmentStyle.style ?? '',
      attachmentNote: history.attachmentStyle.note ?? '',
      priorTherapy: toPresence(history.priorTherapy.present),
      priorModalities: history.priorTherapy.modalities ?? '',
      priorTherapyNote: history.priorTherapy.note ?? '',
    });
    this.editing.set(true);
  }

  protected toggleKind(kind: BetrayalKind, checked: boolean): void {
    const kinds = this.form.controls.betrayalKinds.value.filter((existing) => existing !== kind);
    this.form.controls.betrayalKinds.setValue(checked ? [...kinds, kind] : kinds);
  }

  protected async save(): Promise<void> {
    const value = this.form.getRawValue();
    const update: ClientIntakeUpdate = {
      presentingConcerns: orNull(value.presentingConcerns),
      relationshipStatus: value.relationshipStatus || null,
      disclosureStatus: value.disclosureStatus || null,
      history: {
        foundationalBetrayal: { kinds: value.betrayalKinds, note: orNull(value.betrayalNote) },
        childhoodEmotionalNeglect: {
          present: fromPresence(value.childhoodEmotionalNeglect),
          note: orNull(value.childhoodEmotionalNeglectNote),
        },
        chaosOrAddictionAtHome: {
          present: fromPresence(value.chaosOrAddictionAtHome),
          note: orNull(value.chaosOrAddictionAtHomeNote),
        },
        parentification: {
          present: fromPresence(value.parentification),
          note: orNull(value.parentificationNote),
        },
        attachmentStyle: {
          style: value.attachmentStyle || null,
          note: orNull(value.attachmentNote),
        },
        priorTherapy: {
          present: fromPresence(value.priorTherapy),
          modalities: orNull(value.priorModalities),
          note: orNull(value.priorTherapyNote),
        },
      },
    };
    await this.action.run(async () => {
      this.changed.emit(await firstValueFrom(this.api.update(this.clientId(), { intake: update })));
      this.editing.set(false);
    }, 'The intake could not be saved. Please try again.');
  }
}
