import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type RetentionPolicy,
  type RetentionQuery,
  type RetentionReview,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class RetentionApiService {
  private readonly http = inject(HttpClient);

  review(query: RetentionQuery): Observable<RetentionReview> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params = params.set(key, String(value));
    }
    return this.http.get<RetentionReview>(apiUrl(ApiRoutes.retention.files), { params });
  }

  setPolicy(policy: RetentionPolicy): Observable<RetentionPolicy> {
    return this.http.put<RetentionPolicy>(apiUrl(ApiRoutes.retention.policy), policy);
  }
}
