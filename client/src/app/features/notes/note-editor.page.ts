import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  HostListener,
  inject,
  input,
  type OnDestroy,
  signal,
  untracked,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { BreakpointObserver } from '@angular/cdk/layout';
import { TextFieldModule } from '@angular/cdk/text-field';
import { FormsModule, type NgForm } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  RISK_LEVEL_LABELS,
  RISK_LEVELS,
  SERVICE_TYPE_CPT,
  SERVICE_TYPE_LABELS,
  SERVICE_TYPES,
  describeNoteValue,
  instantAt,
  signingProblems,
  wallClockIn,
  type NoteContent,
  type NoteDetail,
  type NoteField,
  type NoteFieldValue,
  type RiskAssessmentValue,
  type RiskLevel,
  type ServiceType,
} from '@cairn/contracts';
import { firstValueFrom, map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { errorMessage } from '../../shared/api-error';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { PendingAction } from '../../shared/pending-action';
import { NoteAutosave } from './note-autosave';
import { NoteContextPanelComponent } from './note-context-panel.component';
import { OpenFlagBannerComponent } from './open-flag-banner.component';
import { NotesApiService, saveFile } from './notes-api.service';
import { SignNoteDialogComponent, type SignNoteDialogData } from './sign-note-dialog.component';

const SAVE_STATE_LABELS = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  conflict: 'Changed elsewhere',
  error: 'Not saved',
} as const;

/**
 * One session note. The author edits a draft in the template's sections with autosave, then signs
 * it; a signed note (or someone else's) is shown read-only, with its addenda, the author's
 * "add addendum" and the PDF for a records request.
 */
import { SkeletonComponent } from '../../shared/skeleton.component';
@Component({
  selector: 'cairn-note-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SkeletonComponent,
    RouterLink,
    FormsModule,
    TextFieldModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    ClinicTimePipe,
    OpenFlagBannerComponent,
    NoteContextPanelComponent,
  ],
  templateUrl: './note-editor.page.html',
  styleUrl: './note-editor.page.scss',
})
export class NoteEditorPage implements OnDestroy {
  private readonly api = inject(NotesApiService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);

  /** Route parameter. */
  readonly noteId = input.required<string>();

  protected readonly serviceTypes = SERVICE_TYPES;
  protected readonly serviceLabels = SERVICE_TYPE_LABELS;
  protected readonly cpt = SERVICE_TYPE_CPT;
  protected readonly riskLevels = RISK_LEVELS;
  protected readonly riskLabels = RISK_LEVEL_LABELS;
  protected readonly saveLabels = SAVE_STATE_LABELS;

  private readonly templates = toSignal(this.api.templates$);
  /** Wide enough for the context panel beside the draft (open there, folded under it otherwise). */
  protected readonly wide = toSignal(
    inject(BreakpointObserver)
      .observe('(min-width: 1200px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly loaded = rxResource({
    params: () => this.noteId(),
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly note = signal<NoteDetail | null>(null);
  protected readonly template = computed(() =>
    this.templates()?.find((template) => template.code === this.note()?.templateCode),
  );
  protected readonly editable = computed(() => {
    const note = this.note();
    return !!note && note.can.includes('edit') && note.status === 'draft';
  });
  protected readonly loadError = computed(() =>
    this.loaded.error() ? errorMessage(this.loaded.error(), 'The note could not be opened.') : null,
  );

  /** The draft being edited. */
  protected readonly content = signal<NoteContent>({});
  protected readonly sessionAt = signal('');
  protected readonly durationMinutes = signal(53);
  protected readonly serviceType = signal<ServiceType>('individual_60');

  /** The client's open risk flags, as the banner last counted them. */
  protected readonly openFlags = signal(0);

  /** What still stands between the draft and a signature, shown before the dialog opens. */
  protected readonly stillNeeded = computed(() => {
    const template = this.template();
    const problems = template ? signingProblems(template, this.content()) : [];
    const deniesRisk = Object.values(this.content()).some(
      (value) => typeof value === 'object' && !Array.isArray(value) && value.level === 'none',
    );
    return this.openFlags() > 0 && deniesRisk
      ? [
          ...problems,
          {
            field: 'openRiskFlag',
            problems: ['Acknowledge the open risk flag, or record the risk you assessed.'],
          },
        ]
      : problems;
  });

  protected autosave: NoteAutosave | null = null;
  protected readonly pdfAction = new PendingAction();
  protected readonly addendumAction = new PendingAction();
  protected readonly addendumAdded = signal(false);
  protected addendumText = '';
  protected addendumPassword = '';

  constructor() {
    effect(() => {
      if (!this.loaded.hasValue()) return;
      const note = this.loaded.value();
      // Only the load is a dependency: what show() reads must not re-run it.
      untracked(() => this.show(note));
    });
  }

  ngOnDestroy(): void {
    void this.autosave?.flush();
    this.autosave?.stop();
  }

  /** Leaving with unsaved text asks first (the browser's own prompt). */
  @HostListener('window:beforeunload', ['$event'])
  protected warnIfUnsaved(event: BeforeUnloadEvent): void {
    const state = this.autosave?.state();
    if (state === 'unsaved' || state === 'saving' || state === 'error') event.preventDefault();
  }

  protected text(field: NoteField): string {
    const value = this.content()[field.key];
    return typeof value === 'string' ? value : '';
  }

  protected chosen(field: NoteField, option: string): boolean {
    const value = this.content()[field.key];
    return Array.isArray(value) && value.includes(option);
  }

  protected risk(field: NoteField): RiskAssessmentValue | null {
    const value = this.content()[field.key];
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  }

  protected riskNeedsPlan(field: NoteField): boolean {
    const level = this.risk(field)?.level;
    return level === 'moderate' || level === 'high';
  }

  protected display(field: NoteField): string | null {
    const value = this.note()?.content[field.key];
    if (value === undefined) return null;
    return describeNoteValue(field, value) || null;
  }

  protected setField(key: string, value: NoteFieldValue | undefined): void {
    this.content.update((content) => {
      const next = { ...content };
      const empty =
        value === undefined ||
        (typeof value === 'string' && value === '') ||
        (Array.isArray(value) && value.length === 0);
      if (empty) delete next[key];
      else next[key] = value;
      return next;
    });
    this.autosave?.changed();
  }

  protected toggle(field: NoteField, option: string, checked: boolean): void {
    const current = this.content()[field.key];
    const list = Array.isArray(current) ? current : [];
    this.setField(field.key, checked ? [...list, option] : list.filter((item) => item !== option));
  }

  protected setRiskLevel(field: NoteField, level: RiskLevel): void {
    const plan = this.risk(field)?.plan;
    this.setField(field.key, plan ? { level, plan } : { level });
  }

  protected setRiskPlan(field: NoteField, plan: string): void {
    const level = this.risk(field)?.level ?? 'moderate';
    this.setField(field.key, plan ? { level, plan } : { level });
  }

  protected setFact(update: () => void): void {
    update();
    this.autosave?.changed();
  }

  /** After a conflict: take the newer copy saved elsewhere. */
  protected loadNewer(): void {
    const newer = this.autosave?.newer();
    if (newer) {
      this.autosave?.adopt(newer);
      this.show(newer);
    }
  }

  protected async openSignDialog(): Promise<void> {
    const note = this.note();
    if (!note || !this.autosave) return;
    await this.autosave.flush();
    if (this.autosave.state() !== 'saved') return;
    const data: SignNoteDialogData = { noteId: note.id, version: this.autosave.currentVersion };
    const signed = await firstValueFrom(
      this.dialog
        .open<SignNoteDialogComponent, SignNoteDialogData, NoteDetail>(SignNoteDialogComponent, {
          data,
          width: '440px',
        })
        .afterClosed(),
    );
    if (signed) this.show(signed);
  }

  protected async addAddendum(form: NgForm): Promise<void> {
    const note = this.note();
    if (!note) return;
    this.addendumAdded.set(false);
    await this.addendumAction.run(async () => {
      this.show(
        await firstValueFrom(
          this.api.addAddendum(note.id, this.addendumText, this.addendumPassword),
        ),
      );
      // A clean form, not two fields flagged "required": resetting clears the submitted state.
      form.resetForm({ addendum: '', addendumPassword: '' });
      this.addendumText = '';
      this.addendumPassword = '';
      this.addendumAdded.set(true);
    }, 'The addendum could not be added.');
  }

  protected async downloadPdf(): Promise<void> {
    const note = this.note();
    if (!note) return;
    await this.pdfAction.run(async () => {
      const blob = await firstValueFrom(this.api.pdf(note.id));
      const day = wallClockIn(this.auth.user()?.clinicTimeZone, new Date(note.sessionAt)).slice(
        0,
        10,
      );
      saveFile(blob, `session-note-${day}.pdf`);
    }, 'The PDF could not be made.');
  }

  /** Shows a note from the server and starts editing it when it is the caller's draft. */
  private show(note: NoteDetail): void {
    this.note.set(note);
    this.content.set(note.content);
    this.sessionAt.set(wallClockIn(this.auth.user()?.clinicTimeZone, new Date(note.sessionAt)));
    this.durationMinutes.set(note.durationMinutes);
    this.serviceType.set(note.serviceType);
    if (note.can.includes('edit') && note.status === 'draft') {
      if (!this.autosave) {
        this.autosave = new NoteAutosave(
          note.version,
          () => ({
            sessionAt: instantAt(this.sessionAt(), this.auth.user()?.clinicTimeZone).toISOString(),
            durationMinutes: Number(this.durationMinutes()),
            serviceType: this.serviceType(),
            content: this.content(),
          }),
          (request) => firstValueFrom(this.api.save(note.id, request)),
          (saved) => this.note.set(saved),
        );
      }
    } else {
      this.autosave?.stop();
      this.autosave = null;
    }
  }
}
