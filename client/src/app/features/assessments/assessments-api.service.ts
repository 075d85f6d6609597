import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type AnswerValue,
  type AssessmentDetail,
  type AssessmentListItem,
  type CaseloadAttention,
  type CreateAssessmentRequest,
  type CreateScheduleRequest,
  type IndexEvent,
  type MeasureSeries,
  type MeasurementSchedule,
  type RiskFlagView,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

/** The therapist's side of assessments: administer, read results, acknowledge risk, schedule. */
@Injectable({ providedIn: 'root' })
export class AssessmentsApiService {
  private readonly http = inject(HttpClient);

  forClient(clientId: string): Observable<AssessmentListItem[]> {
    return this.http.get<AssessmentListItem[]>(
      apiUrl(ApiRoutes.assessments.forClient, { id: clientId }),
    );
  }

  create(clientId: string, body: CreateAssessmentRequest): Observable<AssessmentDetail> {
    return this.http.post<AssessmentDetail>(
      apiUrl(ApiRoutes.assessments.forClient, { id: clientId }),
      body,
    );
  }

  get(id: string): Observable<AssessmentDetail> {
    return this.http.get<AssessmentDetail>(apiUrl(ApiRoutes.assessments.one, { id }));
  }

  saveAnswers(
    id: string,
    answers: Record<string, AnswerValue | null>,
    indexEvent?: IndexEvent | null,
  ): Observable<AssessmentDetail> {
    return this.http.put<AssessmentDetail>(apiUrl(ApiRoutes.assessments.answers, { id }), {
      answers,
      ...(indexEvent !== undefined ? { indexEvent } : {}),
    });
  }

  complete(id: string): Observable<AssessmentDetail> {
    return this.http.post<AssessmentDetail>(apiUrl(ApiRoutes.assessments.complete, { id }), {});
  }

  cancel(id: string): Observable<AssessmentDetail> {
    return this.http.post<AssessmentDetail>(apiUrl(ApiRoutes.assessments.cancel, { id }), {});
  }

  share(id: string, shared: boolean): Observable<AssessmentDetail> {
    return this.http.post<AssessmentDetail>(apiUrl(ApiRoutes.assessments.share, { id }), {
      shared,
    });
  }

  acknowledgeRisk(id: string, note: string | null): Observable<RiskFlagView[]> {
    return this.http.post<RiskFlagView[]>(apiUrl(ApiRoutes.assessments.acknowledgeRisk, { id }), {
      note,
    });
  }

  fhir(id: string): Observable<object> {
    return this.http.get<object>(apiUrl(ApiRoutes.assessments.fhir, { id }));
  }

  measures(
    clientId: string,
    range: { from?: string; to?: string } = {},
  ): Observable<MeasureSeries[]> {
    return this.http.get<MeasureSeries[]>(
      apiUrl(ApiRoutes.assessments.measures, { id: clientId }),
      { params: { ...range } },
    );
  }

  riskFlags(clientId: string): Observable<RiskFlagView[]> {
    return this.http.get<RiskFlagView[]>(apiUrl(ApiRoutes.assessments.riskFlags, { id: clientId }));
  }

  schedules(clientId: string): Observable<MeasurementSchedule[]> {
    return this.http.get<MeasurementSchedule[]>(
      apiUrl(ApiRoutes.assessments.schedules, { id: clientId }),
    );
  }

  createSchedule(clientId: string, body: CreateScheduleRequest): Observable<MeasurementSchedule> {
    return this.http.post<MeasurementSchedule>(
      apiUrl(ApiRoutes.assessments.schedules, { id: clientId }),
      body,
    );
  }

  stopSchedule(id: string): Observable<MeasurementSchedule> {
    return this.http.delete<MeasurementSchedule>(apiUrl(ApiRoutes.assessments.schedule, { id }));
  }

  attention(): Observable<CaseloadAttention> {
    return this.http.get<CaseloadAttention>(apiUrl(ApiRoutes.dashboard.caseload));
  }
}

/** The client's side: their own portal questionnaires. */
@Injectable({ providedIn: 'root' })
export class MyQuestionnairesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<AssessmentListItem[]> {
    return this.http.get<AssessmentListItem[]>(apiUrl(ApiRoutes.myAssessments.list));
  }

  get(id: string): Observable<AssessmentDetail> {
    return this.http.get<AssessmentDetail>(apiUrl(ApiRoutes.myAssessments.one, { id }));
  }

  saveAnswers(
    id: string,
    answers: Record<string, AnswerValue | null>,
  ): Observable<AssessmentDetail> {
    return this.http.put<AssessmentDetail>(apiUrl(ApiRoutes.myAssessments.answers, { id }), {
      answers,
    });
  }

  complete(id: string): Observable<AssessmentDetail> {
    return this.http.post<AssessmentDetail>(apiUrl(ApiRoutes.myAssessments.complete, { id }), {});
  }
}
