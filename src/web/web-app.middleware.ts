import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import serveStatic from 'serve-static';

/**
 * The workplace's own policy: everything from this origin, nothing from anywhere else (associations
 * run Woonmix on closed networks; the browser tests check no request leaves the origin). Inline styles
 * are allowed for the chart library's SVG attributes; no inline script.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Paths the service answers itself (its controllers; test/e2e/web-app.e2e-spec.ts checks every GET
 * route of the service is listed): everything else under GET is the application.
 */
const SERVICE_PATHS = [/^\/(graphql|health|auth)(\/|$)/, /^\/simulations\/[^/]+\/charts\//];

export function isServicePath(path: string): boolean {
  return SERVICE_PATHS.some((pattern) => pattern.test(path));
}

interface Req {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  setHeader(name: string, value: string): void;
  status(code: number): Res;
  type(type: string): Res;
  send(body: string): void;
}
type Next = (error?: unknown) => void;

/**
 * Serves the built web application (dist/web, `npm run build`) at `/`: its files as they are (the
 * hashed ones under assets/ cached for good), and index.html for every other GET that asks for a page,
 * so a link to /vacancies/12 opens that screen.
 */
export function webAppMiddleware(dir: string) {
  const indexFile = join(dir, 'index.html');
  const files = serveStatic(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader('Content-Security-Policy', WEB_APP_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  let index: string | null = null;
  return (req: Req, res: Res, next: Next): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServicePath(req.path)) return next();
    files(req as never, res as never, () => {
      const accept = String(req.headers.accept ?? '');
      // a missing script or image is a 404, not the page
      if (req.path.startsWith('/assets/') || !(accept.includes('text/html') || accept.includes('*/*') || accept === '')) return next();
      res.setHeader('Content-Security-Policy', WEB_APP_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-cache');
      if (!existsSync(indexFile)) {
        res.status(503).type('text/plain').send('The web application is not built: run `npm run build` (npm start does), then reload.');
        return;
      }
      index ??= readFileSync(indexFile, 'utf8');
      res.status(200).type('text/html; charset=utf-8').send(index);
    });
  };
}
