import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiRoutes, apiUrl, type AuditEventPage, type AuditEventQuery } from '@cairn/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AuditApiService {
  private readonly http = inject(HttpClient);

  list(query: AuditEventQuery): Observable<AuditEventPage> {
    return this.http.get<AuditEventPage>(apiUrl(ApiRoutes.auditEvents), {
      params: paramsOf(query),
    });
  }

  /** The filtered trail as a CSV file (the download itself is audited by the API). */
  export(query: AuditEventQuery): Observable<Blob> {
    return this.http.get(apiUrl(ApiRoutes.auditEventsExport), {
      params: paramsOf({ ...query, before: undefined, pageSize: undefined }),
      responseType: 'blob',
    });
  }
}

function paramsOf(query: AuditEventQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '')
      params = params.set(key, String(value));
  }
  return params;
}
