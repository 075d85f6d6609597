import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type AuditEventQuery,
  type AuditEventView,
  type Page,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AuditApiService {
  private readonly http = inject(HttpClient);

  list(query: AuditEventQuery): Observable<Page<AuditEventView>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<Page<AuditEventView>>(apiUrl(ApiRoutes.auditEvents), { params });
  }
}
