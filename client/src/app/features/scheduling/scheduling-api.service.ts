import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type AppointmentListQuery,
  type AppointmentView,
  type BookingResult,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
  type ConvertProspectResult,
  type CreateAppointmentRequest,
  type FollowingResult,
  type FreeSlots,
  type MyAppointments,
  type PutAvailabilityRequest,
  type SlotQuery,
  type TherapistAvailability,
  type UpdateAppointmentRequest,
  type UpdateFollowingRequest,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

function paramsOf(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '')
      params = params.set(key, String(value));
  }
  return params;
}

/** Appointments, availability, free slots and calendar feeds. */
@Injectable({ providedIn: 'root' })
export class SchedulingApiService {
  private readonly http = inject(HttpClient);
  private readonly routes = ApiRoutes.scheduling;

  list(query: AppointmentListQuery): Observable<AppointmentView[]> {
    return this.http.get<AppointmentView[]>(apiUrl(this.routes.appointments), {
      params: paramsOf(query),
    });
  }

  book(body: CreateAppointmentRequest): Observable<BookingResult> {
    return this.http.post<BookingResult>(apiUrl(this.routes.appointments), body);
  }

  update(id: string, body: UpdateAppointmentRequest): Observable<AppointmentView> {
    return this.http.patch<AppointmentView>(apiUrl(this.routes.appointment, { id }), body);
  }

  cancel(id: string, reason: string): Observable<AppointmentView> {
    return this.http.post<AppointmentView>(apiUrl(this.routes.cancel, { id }), { reason });
  }

  /** "This and following": the rest of the series from this appointment on. */
  updateFollowing(id: string, body: UpdateFollowingRequest): Observable<FollowingResult> {
    return this.http.patch<FollowingResult>(apiUrl(this.routes.following, { id }), body);
  }

  cancelFollowing(id: string, reason: string): Observable<FollowingResult> {
    return this.http.post<FollowingResult>(apiUrl(this.routes.cancelFollowing, { id }), {
      reason,
    });
  }

  complete(id: string): Observable<AppointmentView> {
    return this.http.post<AppointmentView>(apiUrl(this.routes.complete, { id }), {});
  }

  noShow(id: string): Observable<AppointmentView> {
    return this.http.post<AppointmentView>(apiUrl(this.routes.noShow, { id }), {});
  }

  convertProspect(id: string): Observable<ConvertProspectResult> {
    return this.http.post<ConvertProspectResult>(apiUrl(this.routes.convertProspect, { id }), {});
  }

  slots(query: SlotQuery): Observable<FreeSlots> {
    return this.http.get<FreeSlots>(apiUrl(this.routes.slots), { params: paramsOf(query) });
  }

  availability(therapistId: string): Observable<TherapistAvailability> {
    return this.http.get<TherapistAvailability>(
      apiUrl(this.routes.availability, { id: therapistId }),
    );
  }

  putAvailability(
    therapistId: string,
    body: PutAvailabilityRequest,
  ): Observable<TherapistAvailability> {
    return this.http.put<TherapistAvailability>(
      apiUrl(this.routes.availability, { id: therapistId }),
      body,
    );
  }

  feedStatus(therapistId: string): Observable<CalendarFeedStatus> {
    return this.http.get<CalendarFeedStatus>(apiUrl(this.routes.calendarFeed, { id: therapistId }));
  }

  createFeed(therapistId: string): Observable<CalendarFeedCreated> {
    return this.http.post<CalendarFeedCreated>(
      apiUrl(this.routes.calendarFeed, { id: therapistId }),
      {},
    );
  }

  revokeFeed(therapistId: string): Observable<void> {
    return this.http.delete<void>(apiUrl(this.routes.calendarFeed, { id: therapistId }));
  }

  mine(): Observable<MyAppointments> {
    return this.http.get<MyAppointments>(apiUrl(this.routes.mine));
  }
}
