import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ApiRoutes, apiUrl, type RecordExportView } from '@cairn/contracts';
import type { Observable } from 'rxjs';

/** Record exports built as a job: asked for, followed, released and downloaded. */
@Injectable({ providedIn: 'root' })
export class RecordExportsApiService {
  private readonly http = inject(HttpClient);

  forClient(id: string): Observable<RecordExportView[]> {
    return this.http.get<RecordExportView[]>(apiUrl(ApiRoutes.recordExports.forClient, { id }));
  }

  create(id: string): Observable<RecordExportView> {
    return this.http.post<RecordExportView>(apiUrl(ApiRoutes.recordExports.forClient, { id }), {});
  }

  release(id: string): Observable<RecordExportView> {
    return this.http.post<RecordExportView>(apiUrl(ApiRoutes.recordExports.release, { id }), {});
  }

  download(id: string): Observable<Blob> {
    return this.http.get(apiUrl(ApiRoutes.recordExports.download, { id }), {
      responseType: 'blob',
    });
  }

  mine(): Observable<RecordExportView[]> {
    return this.http.get<RecordExportView[]>(apiUrl(ApiRoutes.recordExports.mine));
  }

  requestOwn(): Observable<RecordExportView> {
    return this.http.post<RecordExportView>(apiUrl(ApiRoutes.recordExports.mine), {});
  }
}

/** Still being built: the view is asked for again until it is not. */
export function inProgress(views: readonly RecordExportView[] | undefined): boolean {
  return (views ?? []).some((view) => view.status === 'queued' || view.status === 'running');
}
