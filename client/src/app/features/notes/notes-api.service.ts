import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type CreateNoteRequest,
  type MissingNote,
  type NoteDetail,
  type NoteListItem,
  type NoteSummary,
  type NoteTemplate,
  type SaveNoteRequest,
} from '@cairn/contracts';
import { shareReplay, type Observable } from 'rxjs';

/** Session notes: the chart's list, the editor's saves, signing, addenda and the PDF. */
@Injectable({ providedIn: 'root' })
export class NotesApiService {
  private readonly http = inject(HttpClient);

  /** The templates never change while the app runs: fetched once. */
  readonly templates$: Observable<NoteTemplate[]> = this.http
    .get<NoteTemplate[]>(apiUrl(ApiRoutes.notes.templates))
    .pipe(shareReplay({ bufferSize: 1, refCount: false }));

  forClient(clientId: string): Observable<(NoteSummary | NoteListItem)[]> {
    return this.http.get<(NoteSummary | NoteListItem)[]>(
      apiUrl(ApiRoutes.notes.forClient, { id: clientId }),
    );
  }

  /** Completed sessions with no note at all, 72 hours on. */
  missing(clientId: string): Observable<MissingNote[]> {
    return this.http.get<MissingNote[]>(apiUrl(ApiRoutes.notes.missing, { id: clientId }));
  }

  create(clientId: string, body: CreateNoteRequest): Observable<NoteDetail> {
    return this.http.post<NoteDetail>(apiUrl(ApiRoutes.notes.forClient, { id: clientId }), body);
  }

  get(id: string): Observable<NoteDetail> {
    return this.http.get<NoteDetail>(apiUrl(ApiRoutes.notes.one, { id }));
  }

  save(id: string, body: SaveNoteRequest): Observable<NoteDetail> {
    return this.http.put<NoteDetail>(apiUrl(ApiRoutes.notes.one, { id }), body);
  }

  sign(id: string, version: number, password: string): Observable<NoteDetail> {
    return this.http.post<NoteDetail>(apiUrl(ApiRoutes.notes.sign, { id }), { version, password });
  }

  addAddendum(id: string, text: string, password: string): Observable<NoteDetail> {
    return this.http.post<NoteDetail>(apiUrl(ApiRoutes.notes.addenda, { id }), { text, password });
  }

  pdf(id: string): Observable<Blob> {
    return this.http.get(apiUrl(ApiRoutes.notes.pdf, { id }), { responseType: 'blob' });
  }
}

/** Hands a downloaded file to the browser, then lets go of it. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
