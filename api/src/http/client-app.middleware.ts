import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Serves the built Angular client: hashed assets with a long cache, and `index.html` for every
 * other page path so that deep links work. Nothing under /api is touched.
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

  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path === '/api' || req.path.startsWith('/api/')) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
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
  };
}
