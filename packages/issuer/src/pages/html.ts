/**
 * A tiny HTML kit for the server-rendered pages: escaping by default, one layout with styles that
 * meet WCAG 2.2 AA (contrast ≥ 4.5:1, visible focus, 24 px targets, reflow at 320 px).
 */

/** Text made safe for HTML element content and double-quoted attributes. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Markup that is already safe (built by {@link html}); inserted as is. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/**
 * Tagged template: every interpolated value is escaped unless it is {@link SafeHtml} (or a list of
 * them); `undefined`, `null` and `false` render nothing.
 *
 * @example
 * html`<p>${name}</p>`; // name escaped
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

function render(v: unknown): string {
  if (v === undefined || v === null || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(v);
}

const STYLES = `
:root { color-scheme: light; --ink: #1b1b1f; --muted: #4a4a55; --accent: #0b5cad; --bg: #ffffff; --panel: #f3f5f8; --ok: #0f6b2f; --bad: #a4161a; --warn: #7a4d00; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.panel { background: var(--panel); border-radius: 0.5rem; padding: 1rem; }
.status { font-weight: 600; padding: 0.5rem 0.75rem; border-radius: 0.375rem; border: 2px solid currentColor; display: inline-block; }
.status-ok { color: var(--ok); } .status-bad { color: var(--bad); } .status-warn { color: var(--warn); }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 1rem 0; padding: 0; list-style: none; }
.button, button { display: inline-block; min-height: 2.75rem; min-width: 2.75rem; padding: 0.6rem 1rem; border-radius: 0.375rem; border: 2px solid var(--accent); background: var(--accent); color: #ffffff; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
.button.secondary, button.secondary { background: #ffffff; color: var(--accent); }
dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; }
.muted { color: var(--muted); }
.checks { list-style: none; padding: 0; } .checks li { border-bottom: 1px solid #8a8f98; padding: 0.25rem 0; overflow-wrap: anywhere; } .checks p { margin: 0.25rem 0; }
pre { background: var(--panel); padding: 0.75rem; border-radius: 0.375rem; white-space: pre-wrap; overflow-wrap: anywhere; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.qr-codes { display: flex; flex-wrap: wrap; gap: 1.5rem; } .qr-codes figure { margin: 0; max-width: 16rem; }
.cards { list-style: none; padding: 0; display: grid; gap: 1rem; } .cards h2 { margin-top: 0; }
.wrap { overflow-wrap: anywhere; }
`;

/**
 * A whole page: `lang`, a title, one `main` landmark, the shared styles. No scripts, unless
 * `head` adds same-origin ones (the verify page's progressive enhancement).
 *
 * @example
 * res.type('html').send(layout('Your credential', html`<h1>…</h1>`).value);
 */
export function layout(title: string, body: SafeHtml, options: { lang?: string; head?: SafeHtml } = {}): SafeHtml {
  return html`<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLES)}</style>
${options.head}
</head>
<body>
<main id="main">
${body}
</main>
</body>
</html>`;
}
