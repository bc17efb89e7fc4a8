import { OUR_PROBLEM_TYPE_BASE, PROBLEM_CODES, type ProblemCode, problem } from '@repo/core';
import type { Request, Response } from 'express';

const OUR_TYPE_PREFIX = OUR_PROBLEM_TYPE_BASE;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * `GET /problems`: the page every problem `type` of ours points at (`<base>/problems#CODE`):
 * each code with an anchor, where its name comes from, its `type` URI and its meaning. HTML for a
 * person, JSON (`Accept: application/json`) for software. Public.
 *
 * @example
 * app.get('/problems', problemsPage(deps.config.publicBaseUrl));
 */
export function problemsPage(publicBaseUrl: string) {
  const rows = (Object.keys(PROBLEM_CODES) as ProblemCode[]).map((code) => ({
    code,
    type: absoluteProblemType(problem(code, '').type, publicBaseUrl),
    ...PROBLEM_CODES[code],
  }));
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Problem types</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Problem types</h1>
<p>Every error this service and its verifier library report carries one of these codes as its <code>title</code>.
Codes named by W3C specifications keep their W3C <code>type</code> URL; the others are defined here.</p>
<table><thead><tr><th scope="col">Code</th><th scope="col">Source</th><th scope="col">Meaning</th></tr></thead><tbody>
${rows.map((r) => `<tr id="${r.code}"><th scope="row"><code>${r.code}</code></th><td>${escapeHtml(r.source)}</td><td>${escapeHtml(r.meaning)}<br><small><code>${escapeHtml(r.type)}</code></small></td></tr>`).join('\n')}
</tbody></table></main></body></html>
`;
  const json = JSON.stringify(rows);
  return (req: Request, res: Response): void => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.vary('Accept');
    if (req.accepts(['text/html', 'application/json']) === 'application/json') res.type('application/json').send(json);
    else res.type('text/html').send(html);
  };
}

/**
 * Our problem `type`s are URI references (`/problems#CODE`); in an HTTP answer they are sent
 * absolute, under the service's public base URL (RFC 9457 §3.1.1). W3C type URLs are unchanged.
 *
 * @example
 * absoluteProblemType('/problems#CONFLICT', 'https://issuer.example'); // 'https://issuer.example/problems#CONFLICT'
 */
export function absoluteProblemType(type: string, publicBaseUrl: string): string {
  return type.startsWith(OUR_TYPE_PREFIX) ? `${publicBaseUrl}${type}` : type;
}

/**
 * A JSON replacer that makes our problem `type`s absolute wherever a problem is sent (verify
 * results, pathway reports): set once as Express's `json replacer`.
 *
 * @example
 * app.set('json replacer', problemTypeReplacer('https://issuer.example'));
 */
export function problemTypeReplacer(publicBaseUrl: string) {
  return (key: string, v: unknown): unknown =>
    key === 'type' && typeof v === 'string' ? absoluteProblemType(v, publicBaseUrl) : v;
}
