import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type ClientProgress,
  type DateRange,
  type ReportCopy,
  type ReportDetail,
  type ReportListItem,
  type ReportSummary,
  type SharedReport,
  type UpdateReportRequest,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

/** Progress figures and progress reports. */
@Injectable({ providedIn: 'root' })
export class ProgressApiService {
  private readonly http = inject(HttpClient);

  progress(clientId: string, range: Partial<DateRange>): Observable<ClientProgress> {
    return this.http.get<ClientProgress>(apiUrl(ApiRoutes.progress, { id: clientId }), {
      params: { ...range },
    });
  }

  reports(clientId: string): Observable<(ReportSummary | ReportListItem)[]> {
    return this.http.get<(ReportSummary | ReportListItem)[]>(
      apiUrl(ApiRoutes.reports.forClient, { id: clientId }),
    );
  }

  createReport(clientId: string, range: DateRange): Observable<ReportDetail> {
    return this.http.post<ReportDetail>(
      apiUrl(ApiRoutes.reports.forClient, { id: clientId }),
      range,
    );
  }

  report(id: string): Observable<ReportDetail> {
    return this.http.get<ReportDetail>(apiUrl(ApiRoutes.reports.one, { id }));
  }

  updateReport(id: string, body: UpdateReportRequest): Observable<ReportDetail> {
    return this.http.patch<ReportDetail>(apiUrl(ApiRoutes.reports.one, { id }), body);
  }

  finalize(id: string): Observable<ReportDetail> {
    return this.http.post<ReportDetail>(apiUrl(ApiRoutes.reports.finalize, { id }), {});
  }

  pdf(id: string, copy: ReportCopy = 'file'): Observable<Blob> {
    return this.http.get(apiUrl(ApiRoutes.reports.pdf, { id }), {
      params: { copy },
      responseType: 'blob',
    });
  }

  shared(): Observable<SharedReport[]> {
    return this.http.get<SharedReport[]>(apiUrl(ApiRoutes.reports.mine));
  }
}
