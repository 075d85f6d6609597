import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type CreateSafetyScreenRequest,
  type MySafetyScreen,
  type RecordConjointDecisionRequest,
  type SafetyAdminStatus,
  type SafetyOverview,
  type SafetyScreenResultView,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

/** The therapist's side of safety before conjoint work (and the one fact an admin may know). */
@Injectable({ providedIn: 'root' })
export class SafetyApiService {
  private readonly http = inject(HttpClient);

  overview(clientId: string): Observable<SafetyOverview | SafetyAdminStatus> {
    return this.http.get<SafetyOverview | SafetyAdminStatus>(
      apiUrl(ApiRoutes.safety.forClient, { id: clientId }),
    );
  }

  create(clientId: string, body: CreateSafetyScreenRequest): Observable<SafetyScreenResultView> {
    return this.http.post<SafetyScreenResultView>(
      apiUrl(ApiRoutes.safety.screens, { id: clientId }),
      body,
    );
  }

  get(id: string): Observable<SafetyScreenResultView> {
    return this.http.get<SafetyScreenResultView>(apiUrl(ApiRoutes.safety.screen, { id }));
  }

  saveAnswers(
    id: string,
    answers: Record<string, string | null>,
  ): Observable<SafetyScreenResultView> {
    return this.http.put<SafetyScreenResultView>(apiUrl(ApiRoutes.safety.answers, { id }), {
      answers,
    });
  }

  complete(id: string): Observable<SafetyScreenResultView> {
    return this.http.post<SafetyScreenResultView>(apiUrl(ApiRoutes.safety.complete, { id }), {});
  }

  cancel(id: string): Observable<SafetyScreenResultView> {
    return this.http.post<SafetyScreenResultView>(apiUrl(ApiRoutes.safety.cancel, { id }), {});
  }

  decide(clientId: string, body: RecordConjointDecisionRequest): Observable<void> {
    return this.http.post<void>(apiUrl(ApiRoutes.safety.decision, { id: clientId }), body);
  }
}

/** The client's own safety screen in their portal. */
@Injectable({ providedIn: 'root' })
export class MySafetyApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<MySafetyScreen[]> {
    return this.http.get<MySafetyScreen[]>(apiUrl(ApiRoutes.safety.mine));
  }

  get(id: string): Observable<MySafetyScreen> {
    return this.http.get<MySafetyScreen>(apiUrl(ApiRoutes.safety.myScreen, { id }));
  }

  saveAnswers(id: string, answers: Record<string, string | null>): Observable<MySafetyScreen> {
    return this.http.put<MySafetyScreen>(apiUrl(ApiRoutes.safety.myAnswers, { id }), { answers });
  }

  complete(id: string): Observable<MySafetyScreen> {
    return this.http.post<MySafetyScreen>(apiUrl(ApiRoutes.safety.myComplete, { id }), {});
  }
}

export function isOverview(
  value: SafetyOverview | SafetyAdminStatus | undefined,
): value is SafetyOverview {
  return !!value && 'screens' in value;
}
