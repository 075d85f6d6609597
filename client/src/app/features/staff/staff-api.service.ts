import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type CreateStaffRequest,
  type StaffCreated,
  type StaffMember,
  type UpdateStaffRequest,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class StaffApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<StaffMember[]> {
    return this.http.get<StaffMember[]>(apiUrl(ApiRoutes.staff.list));
  }

  create(body: CreateStaffRequest): Observable<StaffCreated> {
    return this.http.post<StaffCreated>(apiUrl(ApiRoutes.staff.list), body);
  }

  update(id: string, body: UpdateStaffRequest): Observable<StaffMember> {
    return this.http.patch<StaffMember>(apiUrl(ApiRoutes.staff.one, { id }), body);
  }

  reinvite(id: string): Observable<StaffCreated> {
    return this.http.post<StaffCreated>(apiUrl(ApiRoutes.staff.invite, { id }), {});
  }
}
