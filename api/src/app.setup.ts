import { Logger, type LoggerService } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_PREFIX, ApiRoutes } from '@cairn/contracts';
import { json } from 'express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from './config/app-config';
import { accessLogMiddleware } from './http/access-log.middleware';
import { BodyTypeGuard } from './http/body-type.guard';
import { clientAppMiddleware } from './http/client-app.middleware';
import { inputScreenMiddleware } from './http/input-screen.middleware';
import { mountOpenApi } from './http/openapi';
import { requestContextMiddleware } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation.pipe';

/** Everything between the network and the controllers. Shared by `main.ts` and the tests. */
export function configureApp(
  app: NestExpressApplication,
  config: AppConfig,
  logger: LoggerService = new Logger(),
): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Every API answer is `Cache-Control: no-store`, so a browser never revalidates it: an ETag
  // would be a hash of every body for nothing. (The client's files are served with their own.)
  app.set('etag', false);
  app.use(requestContextMiddleware);
  app.use(securityHeaders(config));
  app.use(accessLogMiddleware(logger));
  app.use(cookieParser());
  // A client import carries a CSV of up to 10 MB as base64 (about 13.4 MB); only its two routes
  // take more than the usual 256 kB. The first parser to read a body marks it read.
  for (const route of [ApiRoutes.clients.importPreview, ApiRoutes.clients.import])
    app.use(`/${API_PREFIX}/${route}`, json({ limit: '14mb' }));
  app.useBodyParser('json', { limit: '256kb' });
  app.use(`/${API_PREFIX}`, (_req: Request, res: Response, next: NextFunction) => {
    // Clinical responses must not linger in browser or proxy caches.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: true });
  }
  app.use(`/${API_PREFIX}`, inputScreenMiddleware);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalGuards(new BodyTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  mountOpenApi(app);
  app.use(clientAppMiddleware(config.clientDir));
}
