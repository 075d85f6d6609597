import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type ClientImportPreview,
  type ClientImportRequest,
  type ClientImportResult,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ClientImportApiService {
  private readonly http = inject(HttpClient);

  preview(request: ClientImportRequest): Observable<ClientImportPreview> {
    return this.http.post<ClientImportPreview>(apiUrl(ApiRoutes.clients.importPreview), request);
  }

  import(request: ClientImportRequest): Observable<ClientImportResult> {
    return this.http.post<ClientImportResult>(apiUrl(ApiRoutes.clients.import), request);
  }

  template(): Observable<Blob> {
    return this.http.get(apiUrl(ApiRoutes.clients.importTemplate), { responseType: 'blob' });
  }
}
