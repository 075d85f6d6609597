import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { currentRequest } from './request-context';

/** A path with the secrets some URLs carry (a calendar feed's token) blanked out. */
export function loggablePath(path: string): string {
  return path.replace(/^\/api\/calendar\/[^/]*$/, '/api/calendar/[token].ics');
}

/**
 * One structured line per API request. The path is logged without its query string (a search
 * term may be a client's name) and no body, header or token is ever logged.
 */
export function accessLogMiddleware(logger: LoggerService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const context = currentRequest();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.log(
        {
          msg: 'request',
          method: req.method,
          path: loggablePath(req.path),
          status: res.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
          requestId: context?.requestId,
          userId: context?.user?.id,
        },
        'Http',
      );
    });
    next();
  };
}
