import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { NoteDetail } from '@cairn/contracts';
import { firstValueFrom } from 'rxjs';
import { PendingAction } from '../../shared/pending-action';
import { NotesApiService } from './notes-api.service';

export interface SignNoteDialogData {
  noteId: string;
  version: number;
}

/** Signing asks for the therapist's password again: a signature is a legal act. */
@Component({
  selector: 'cairn-sign-note-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>Sign this note</h2>
    <form (ngSubmit)="sign()">
      <mat-dialog-content>
        <p>
          A signed note becomes part of the legal record and can no longer be changed. Later
          corrections are added as dated addenda.
        </p>
        <mat-form-field appearance="outline" class="wide">
          <mat-label>Your password</mat-label>
          <input
            matInput
            type="password"
            name="password"
            autocomplete="current-password"
            [(ngModel)]="password"
            required
            cdkFocusInitial
          />
        </mat-form-field>
        @if (action.error(); as message) {
          <p class="problem" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="action.busy() || !password">
          Sign note
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .wide {
      width: 100%;
    }
    .problem {
      color: var(--mat-sys-error);
    }
  `,
})
export class SignNoteDialogComponent {
  private readonly api = inject(NotesApiService);
  private readonly ref = inject<MatDialogRef<SignNoteDialogComponent, NoteDetail>>(MatDialogRef);
  private readonly data = inject<SignNoteDialogData>(MAT_DIALOG_DATA);

  protected password = '';
  protected readonly action = new PendingAction();

  protected async sign(): Promise<void> {
    await this.action.run(async () => {
      this.ref.close(
        await firstValueFrom(this.api.sign(this.data.noteId, this.data.version, this.password)),
      );
    }, 'The note could not be signed.');
    this.password = '';
  }
}
