import type express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { ProblemError } from './problem-error.ts';

interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  keys?: unknown[];
  match(path: string): unknown;
}

/** Methods the app's routes answer at `path` (HEAD with GET); `literalOnly`: routes without params. */
function allowedAt(app: express.Express, path: string, literalOnly: boolean): Set<string> {
  const allowed = new Set<string>();
  for (const layer of (app.router as unknown as { stack: RouteLayer[] }).stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    if (literalOnly && layer.route.path.includes(':')) continue;
    if (!layer.match(path)) continue;
    for (const m of Object.keys(layer.route.methods)) allowed.add(m.toUpperCase());
  }
  if (allowed.has('GET')) allowed.add('HEAD');
  if (allowed.size > 0) allowed.add('OPTIONS');
  return allowed;
}

/** Paths whose literal routes {@link methodGuard} remembers. */
const MEMO_SIZE = 1024;

function answer(req: Request, res: Response, next: NextFunction, allowed: Set<string>): void {
  const allow = [...allowed].sort().join(', ');
  if (req.method === 'OPTIONS') {
    res.setHeader('Allow', allow);
    res.status(204).end();
    return;
  }
  next(
    new ProblemError(405, 'METHOD_NOT_ALLOWED', `${req.path} answers ${allow}, not ${req.method}.`, {
      headers: { Allow: allow },
    }),
  );
}

/**
 * RFC 9110 §15.5.6 / §9.3.7 for every route: a method the path does not answer → 405 with
 * `Allow`; `OPTIONS` → 204 with `Allow` (routes with their own OPTIONS handler, the CORS
 * pre-flights, answer themselves). `early` runs before the routes, for paths a literal route
 * owns (so `GET /credentials/verify` is a 405, not a `GET /credentials/:id`); `late` runs after
 * them, for the rest, before the 404.
 *
 * @example
 * const guard = methodGuard(app); app.use(guard.early); …routes…; app.use(guard.late);
 */
export function methodGuard(app: express.Express) {
  // The literal routes' methods at a path, remembered: the routes are all mounted before the first
  // request, so the answer for a path does not change (recomputed if the route table grows). At
  // most MEMO_SIZE paths are kept; any path may be asked, so the memo starts over when full.
  const memo = new Map<string, Set<string>>();
  let routes = -1;
  const literalAt = (path: string): Set<string> => {
    const stack = (app.router as unknown as { stack: RouteLayer[] }).stack;
    if (stack.length !== routes || memo.size >= MEMO_SIZE) {
      memo.clear();
      routes = stack.length;
    }
    let allowed = memo.get(path);
    if (!allowed) {
      allowed = allowedAt(app, path, true);
      memo.set(path, allowed);
    }
    return allowed;
  };
  return {
    early(req: Request, res: Response, next: NextFunction): void {
      const literal = literalAt(req.path);
      const passes =
        literal.size === 0 || (req.method === 'OPTIONS' ? hasOwnOptions(app, req.path) : literal.has(req.method));
      if (passes) next();
      else answer(req, res, next, literal);
    },
    late(req: Request, res: Response, next: NextFunction): void {
      const allowed = allowedAt(app, req.path, false);
      if (allowed.size === 0) next();
      else answer(req, res, next, allowed);
    },
  };
}

function hasOwnOptions(app: express.Express, path: string): boolean {
  return (app.router as unknown as { stack: RouteLayer[] }).stack.some(
    (l) => l.route?.methods.options === true && Boolean(l.match(path)),
  );
}
