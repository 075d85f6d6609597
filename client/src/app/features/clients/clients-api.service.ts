import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type ClientDetail,
  type ClientListQuery,
  type ClientPage,
  type CreateClientRequest,
  type PortalInvite,
  type TimelineEvent,
  type TimelineEventRequest,
  type TreatmentPhaseEntry,
  type TreatmentPhaseRequest,
  type UpdateClientRequest,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

/** The client-file API, for the admin directory and the therapist's caseload and chart. */
@Injectable({ providedIn: 'root' })
export class ClientsApiService {
  private readonly http = inject(HttpClient);

  list(query: ClientListQuery): Observable<ClientPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '')
        params = params.set(key, String(value));
    }
    return this.http.get<ClientPage>(apiUrl(ApiRoutes.clients.list), { params });
  }

  get(id: string): Observable<ClientDetail> {
    return this.http.get<ClientDetail>(apiUrl(ApiRoutes.clients.one, { id }));
  }

  create(body: CreateClientRequest): Observable<ClientDetail> {
    return this.http.post<ClientDetail>(apiUrl(ApiRoutes.clients.list), body);
  }

  update(id: string, body: UpdateClientRequest): Observable<ClientDetail> {
    return this.http.patch<ClientDetail>(apiUrl(ApiRoutes.clients.one, { id }), body);
  }

  assign(id: string, therapistId: string): Observable<ClientDetail> {
    return this.http.post<ClientDetail>(apiUrl(ApiRoutes.clients.assign, { id }), { therapistId });
  }

  invitePortal(id: string): Observable<PortalInvite> {
    return this.http.post<PortalInvite>(apiUrl(ApiRoutes.clients.portalInvite, { id }), {});
  }

  linkPartner(id: string, partnerId: string | null): Observable<ClientDetail> {
    return this.http.post<ClientDetail>(apiUrl(ApiRoutes.clients.partner, { id }), { partnerId });
  }

  addTimelineEvent(id: string, body: TimelineEventRequest): Observable<TimelineEvent> {
    return this.http.post<TimelineEvent>(apiUrl(ApiRoutes.clients.timeline, { id }), body);
  }

  removeTimelineEvent(id: string, eventId: string): Observable<void> {
    return this.http.delete<void>(apiUrl(ApiRoutes.clients.timelineEvent, { id, eventId }));
  }

  setPhase(id: string, body: TreatmentPhaseRequest): Observable<TreatmentPhaseEntry> {
    return this.http.post<TreatmentPhaseEntry>(apiUrl(ApiRoutes.clients.phase, { id }), body);
  }
}
