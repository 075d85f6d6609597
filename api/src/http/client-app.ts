import compression from 'compression';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import serveStatic from 'serve-static';
import { isApiPath, pathOf } from './url-path';

type Next = (error?: unknown) => void;
type Handler = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** What the client's files answer: a GET or HEAD of any path outside the API. */
export function isClientPage(method: string | undefined, url: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !isApiPath(pathOf(url));
}

/**
 * Serves the built Angular client, for the requests `isClientPage` picks: hashed assets with a
 * long cache, and `index.html` for every other page path so that deep links work.
 *
 * The client's files go out compressed (about a quarter of their size, which is what a phone on
 * a slow connection waits for); API answers do not, as they are small and compressing them costs
 * every request CPU time.
 */
export function clientAppHandler(
  clientDir: string,
): (req: IncomingMessage, res: ServerResponse) => void {
  const index = path.join(clientDir, 'index.html');
  const assets = serveStatic(clientDir, {
    index: false,
    setHeaders: (res, file) => {
      const hashed = /-[A-Z0-9]{8,}\.(js|css|woff2?)$/.test(path.basename(file));
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexPage = serveStatic(clientDir, { index: false, fallthrough: false });
  const compress = compression() as unknown as Handler;

  return (req, res) => {
    compress(req, res, () => {
      assets(req, res, () => {
        if (!existsSync(index)) {
          res.statusCode = 503;
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
          res.end('The Cairn client is not built yet: run `npm start`.');
          return;
        }
        res.setHeader('Cache-Control', 'no-cache');
        req.url = '/index.html';
        indexPage(req, res, (error?: unknown) => {
          res.statusCode = 500;
          res.end(error instanceof Error ? 'The client could not be sent.' : '');
        });
      });
    });
  };
}

/** The client's files, answered before routing: Fastify hands over the response. */
export function installClientApp(instance: FastifyInstance, clientDir: string): void {
  const handler = clientAppHandler(clientDir);
  instance.addHook('onRequest', (request, reply, done) => {
    if (!isClientPage(request.method, request.url)) return done();
    reply.hijack();
    handler(request.raw, reply.raw);
  });
}
