import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApiRoutes,
  apiUrl,
  type ClinicSettingsView,
  type UpdateClinicSettingsRequest,
} from '@cairn/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ClinicSettingsApiService {
  private readonly http = inject(HttpClient);

  get(): Observable<ClinicSettingsView> {
    return this.http.get<ClinicSettingsView>(apiUrl(ApiRoutes.clinicSettings));
  }

  update(settings: UpdateClinicSettingsRequest): Observable<ClinicSettingsView> {
    return this.http.put<ClinicSettingsView>(apiUrl(ApiRoutes.clinicSettings), settings);
  }
}
