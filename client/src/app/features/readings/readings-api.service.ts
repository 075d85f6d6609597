import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiRoutes, apiUrl, type Reading, type ReadingSummary } from '@cairn/contracts';
import type { Observable } from 'rxjs';

/** The reading library (the same for every clinic; not clinical data). */
@Injectable({ providedIn: 'root' })
export class ReadingsApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<ReadingSummary[]> {
    return this.http.get<ReadingSummary[]>(apiUrl(ApiRoutes.readings.list));
  }

  get(key: string): Observable<Reading> {
    return this.http.get<Reading>(apiUrl(ApiRoutes.readings.one, { key }));
  }
}
