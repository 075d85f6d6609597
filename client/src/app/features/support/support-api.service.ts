import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiRoutes, apiUrl, type CrisisSupport } from '@cairn/contracts';
import type { Observable } from 'rxjs';

/** Where help is, for the portal's "If you need help now". */
@Injectable({ providedIn: 'root' })
export class SupportApiService {
  private readonly http = inject(HttpClient);

  helpNow(): Observable<CrisisSupport> {
    return this.http.get<CrisisSupport>(apiUrl(ApiRoutes.myCrisisResources));
  }
}
