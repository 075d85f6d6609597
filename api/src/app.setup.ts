import { Logger, type LoggerService } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import { API_PREFIX, ApiRoutes } from '@cairn/contracts';
import { parse as parseQueryString } from 'node:querystring';
import type { AppConfig } from './config/app-config';
import { installAccessLog } from './http/access-log';
import { BodyTypeGuard } from './http/body-type.guard';
import { installClientApp } from './http/client-app';
import { installInputScreen } from './http/input-screen.hook';
import { mountOpenApi } from './http/openapi';
import { installRequestContext } from './http/request-context';
import { installSecurityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation.pipe';
import { isApiPath, pathOf } from './http/url-path';

/** The usual limit of a request body; JSON is all the API takes, and a note is far smaller. */
const BODY_LIMIT = 256 * 1024;
/** A client import carries a CSV of up to 10 MB as base64 (about 13.4 MB). */
const IMPORT_BODY_LIMIT = 14 * 1024 * 1024;

/**
 * The HTTP server under Nest: Fastify, whose request pipeline costs a fraction of Express's
 * (docs/scale.md). Its defaults are set to what the API promises: bodies up to 256 kB, the
 * proxy's address trusted only when configured, trailing slashes ignored, and prototype keys in
 * JSON left to the input screen, which refuses them with the field's name.
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    // Calendar feed tokens and invitation tokens travel in the path.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 512 },
    logger: false,
  });
}

/** Everything between the network and the controllers. Shared by `server.ts` and the tests. */
export async function configureApp(
  app: NestFastifyApplication,
  config: AppConfig,
  logger: LoggerService = new Logger(),
): Promise<void> {
  const instance = app.getHttpAdapter().getInstance();
  // The order of the hooks is the order they run in.
  installRequestContext(instance);
  installSecurityHeaders(instance, config);
  installAccessLog(instance, logger);
  instance.addHook('onRequest', (request, reply, done) => {
    // Clinical responses must not linger in browser or proxy caches.
    if (isApiPath(pathOf(request.url))) reply.header('Cache-Control', 'no-store');
    done();
  });
  installClientApp(instance, config.clientDir);
  await app.register(fastifyCookie);
  const importRoutes = new Set(
    [ApiRoutes.clients.importPreview, ApiRoutes.clients.import].map((r) => `/${API_PREFIX}/${r}`),
  );
  instance.addHook('onRoute', (route) => {
    if (importRoutes.has(route.url)) route.bodyLimit = IMPORT_BODY_LIMIT;
  });
  // JSON and forms are parsed (a route takes a form only where it declared one, see
  // AcceptsBody). Any other body is read (within the limit) and dropped, so that the body-type
  // guard, which knows what each route declared, answers with a clear 415.
  instance.removeContentTypeParser('text/plain');
  instance.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, parseQueryString(body as string));
    },
  );
  instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => {
    done(null, undefined);
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: true });
  }
  installInputScreen(instance);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalGuards(new BodyTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  mountOpenApi(app, instance);
}
