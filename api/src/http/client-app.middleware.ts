import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Serves the built Angular client: hashed assets with a long cache, and `index.html` for every
 * other page path so that deep links work. Nothing under /api is touched.
 *
 * The client's files go out compressed (about a quarter of their size, which is what a phone on
 * a slow connection waits for); API answers do not, as they are small and compressing them costs
 * every request CPU time.
 */
export function clientAppMiddleware(clientDir: string) {
  const index = path.join(clientDir, 'index.html');
  const assets = express.static(clientDir, {
    index: false,
    setHeaders: (res, file) => {
      const hashed = /-[A-Z0-9]{8,}\.(js|css|woff2?)$/.test(path.basename(file));
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  const compress = compression();

  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path === '/api' || req.path.startsWith('/api/')) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    compress(req, res, () => {
      serve(req, res);
    });
  };

  function serve(req: Request, res: Response): void {
    assets(req, res, () => {
      if (!existsSync(index)) {
        res
          .status(503)
          .type('text/plain')
          .send('The Cairn client is not built yet: run `npm start`.');
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
}
