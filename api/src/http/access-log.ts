import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { contextOf } from './request-context';
import { pathOf } from './url-path';

/** A path with the secrets some URLs carry (a calendar feed's token) blanked out. */
export function loggablePath(path: string): string {
  return path.replace(/^\/api\/calendar\/[^/]*$/, '/api/calendar/[token].ics');
}

/**
 * One structured line per API request. The path is logged without its query string (a search
 * term may be a client's name) and no body, header or token is ever logged.
 */
export function installAccessLog(instance: FastifyInstance, logger: LoggerService): void {
  instance.addHook('onResponse', (request, reply, done) => {
    const context = contextOf(request);
    logger.log(
      {
        msg: 'request',
        method: request.method,
        path: loggablePath(pathOf(request.url)),
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        requestId: context?.requestId,
        userId: context?.user?.id,
      },
      'Http',
    );
    done();
  });
}
