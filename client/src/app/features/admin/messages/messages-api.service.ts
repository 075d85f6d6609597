import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type PlannedMessageQuery,
  type PlannedMessageView,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class MessagesApiService {
  private readonly http = inject(HttpClient);

  list(query: PlannedMessageQuery): Observable<PlannedMessageView[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value) params = params.set(key, String(value));
    }
    return this.http.get<PlannedMessageView[]>(apiUrl(ApiRoutes.messages.list), { params });
  }

  retry(id: string): Observable<void> {
    return this.http.post<void>(apiUrl(ApiRoutes.messages.retry.replace(':id', id)), {});
  }
}
