import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  CLIENT_IMPORT_FIELDS,
  CLIENT_IMPORT_PRESET_MAPPINGS,
  type ClientImportField,
  type ClientImportMapping,
  type ClientImportPreset,
  type ClientImportPreview,
  type ClientImportRequest,
} from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../../shared/pending-action';
import { ClientImportApiService } from './client-import-api.service';

const FIELD_LABELS: Record<ClientImportField, string> = {
  legalName: 'Legal name',
  firstName: 'First name',
  lastName: 'Last name',
  preferredName: 'Preferred name',
  pronouns: 'Pronouns',
  dateOfBirth: 'Date of birth',
  email: 'Email',
  phone: 'Phone',
  status: 'Status',
  primaryTherapist: 'Primary therapist (email or name)',
  referralSource: 'Referral source',
  intakeDate: 'Intake date',
};

/** The headers of a CSV's first line (quoted headers with commas included). */
function headersOf(text: string): string[] {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const headers: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      current += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      headers.push(current.trim());
      current = '';
    } else current += char;
  }
  headers.push(current.trim());
  return headers.filter((header) => header !== '');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Client files in from another system: upload a CSV, map its columns (a preset fills them for a
 * known export), preview every row's problems, then import all rows at once, or none.
 */
@Component({
  selector: 'cairn-client-import',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatTableModule],
  templateUrl: './client-import.page.html',
  styleUrl: './client-import.page.scss',
})
export class ClientImportPage {
  private readonly api = inject(ClientImportApiService);
  protected readonly fields = CLIENT_IMPORT_FIELDS;
  protected readonly labels = FIELD_LABELS;
  protected readonly problemColumns = ['row', 'column', 'problem'];
  protected readonly fileName = signal<string | null>(null);
  protected readonly headers = signal<string[]>([]);
  protected readonly mapping = signal<ClientImportMapping>({});
  protected readonly preview = signal<ClientImportPreview | null>(null);
  protected readonly imported = signal<number | null>(null);
  protected readonly checking = new PendingAction();
  protected readonly importing = new PendingAction();
  private fileBase64 = '';

  protected async choose(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.preview.set(null);
    this.imported.set(null);
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    this.fileBase64 = toBase64(bytes);
    this.fileName.set(file.name);
    const headers = headersOf(new TextDecoder().decode(bytes.subarray(0, 64 * 1024)));
    this.headers.set(headers);
    // Start from whichever preset matches the file's headers best.
    const presets = Object.keys(CLIENT_IMPORT_PRESET_MAPPINGS) as ClientImportPreset[];
    const score = (preset: ClientImportPreset) =>
      Object.values(CLIENT_IMPORT_PRESET_MAPPINGS[preset]).filter((h) => headers.includes(h))
        .length;
    this.applyPreset(presets.reduce((best, next) => (score(next) > score(best) ? next : best)));
  }

  protected applyPreset(preset: ClientImportPreset): void {
    const headers = this.headers();
    const mapping: ClientImportMapping = {};
    for (const [field, header] of Object.entries(CLIENT_IMPORT_PRESET_MAPPINGS[preset]))
      if (headers.includes(header)) mapping[field as ClientImportField] = header;
    this.mapping.set(mapping);
    this.preview.set(null);
  }

  protected onPreset(event: Event): void {
    this.applyPreset((event.target as HTMLSelectElement).value as ClientImportPreset);
  }

  protected map(field: ClientImportField, event: Event): void {
    const header = (event.target as HTMLSelectElement).value;
    const next = { ...this.mapping() };
    if (header) next[field] = header;
    else delete next[field];
    this.mapping.set(next);
    this.preview.set(null);
  }

  protected async check(): Promise<void> {
    await this.checking.run(async () => {
      this.preview.set(await firstValueFrom(this.api.preview(this.request())));
    });
  }

  protected async run(): Promise<void> {
    await this.importing.run(async () => {
      const result = await firstValueFrom(this.api.import(this.request()));
      this.imported.set(result.imported);
      this.preview.set(null);
    });
  }

  protected async downloadTemplate(): Promise<void> {
    const blob = await firstValueFrom(this.api.template());
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'cairn-client-import-template.csv';
    link.click();
    URL.revokeObjectURL(url);
  }

  private request(): ClientImportRequest {
    return { fileBase64: this.fileBase64, mapping: this.mapping() };
  }
}
