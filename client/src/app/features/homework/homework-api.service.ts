import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type CreateHomeworkAssignmentRequest,
  type CreateHomeworkEntryRequest,
  type CreateHomeworkTemplateRequest,
  type HomeworkAssignment,
  type HomeworkEntry,
  type HomeworkTemplate,
  type MyHomework,
  type MyHomeworkEntry,
  type UpdateHomeworkAssignmentRequest,
  type UpdateHomeworkEntryRequest,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

/** The therapist's side of homework: the library, assignments with adherence, entries. */
@Injectable({ providedIn: 'root' })
export class HomeworkApiService {
  private readonly http = inject(HttpClient);

  templates(): Observable<HomeworkTemplate[]> {
    return this.http.get<HomeworkTemplate[]>(apiUrl(ApiRoutes.homework.templates));
  }

  createTemplate(body: CreateHomeworkTemplateRequest): Observable<HomeworkTemplate> {
    return this.http.post<HomeworkTemplate>(apiUrl(ApiRoutes.homework.templates), body);
  }

  forClient(clientId: string): Observable<HomeworkAssignment[]> {
    return this.http.get<HomeworkAssignment[]>(
      apiUrl(ApiRoutes.homework.forClient, { id: clientId }),
    );
  }

  assign(clientId: string, body: CreateHomeworkAssignmentRequest): Observable<HomeworkAssignment> {
    return this.http.post<HomeworkAssignment>(
      apiUrl(ApiRoutes.homework.forClient, { id: clientId }),
      body,
    );
  }

  update(id: string, body: UpdateHomeworkAssignmentRequest): Observable<HomeworkAssignment> {
    return this.http.patch<HomeworkAssignment>(apiUrl(ApiRoutes.homework.one, { id }), body);
  }

  entries(id: string): Observable<HomeworkEntry[]> {
    return this.http.get<HomeworkEntry[]>(apiUrl(ApiRoutes.homework.entries, { id }));
  }
}

/** The client's side: their own homework and entries. */
@Injectable({ providedIn: 'root' })
export class MyHomeworkApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<MyHomework> {
    return this.http.get<MyHomework>(apiUrl(ApiRoutes.homework.mine));
  }

  addEntry(assignmentId: string, body: CreateHomeworkEntryRequest): Observable<MyHomeworkEntry> {
    return this.http.post<MyHomeworkEntry>(
      apiUrl(ApiRoutes.homework.myEntries, { id: assignmentId }),
      body,
    );
  }

  updateEntry(entryId: string, body: UpdateHomeworkEntryRequest): Observable<MyHomeworkEntry> {
    return this.http.patch<MyHomeworkEntry>(
      apiUrl(ApiRoutes.homework.myEntry, { id: entryId }),
      body,
    );
  }
}
