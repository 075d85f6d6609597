import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, concatMap, from, type Observable, throwError } from 'rxjs';
import { Db } from './db.service';

/**
 * Global: commits the request's transaction once the handler has answered, before the answer is
 * sent (a client never sees success for a write that did not commit), and rolls it back when the
 * handler throws. Errors raised before the handler (guards) are ended by the exception filter.
 */
@Injectable()
export class RequestTransactionInterceptor implements NestInterceptor {
  constructor(private readonly db: Db) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      concatMap((value: unknown) => from(this.db.endRequest(true).then(() => value))),
      catchError((error: unknown) =>
        from(this.db.endRequest(false).catch(() => undefined)).pipe(
          concatMap(() => throwError(() => error)),
        ),
      ),
    );
  }
}
