// CSV export is formula-safe (OWASP "CSV Injection"): a field starting with = + - @ tab or CR
// gets a leading apostrophe, every field is quoted (RFC 4180 §2 items 5–7), so a spreadsheet shows
// the text instead of running it. Read back with the test's own RFC 4180 reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OB3_CERTIFICATION } from '../helpers/awards.ts';
import { type IssuerApp, startIssuerApp, TOKENS } from '../helpers/issuer-app.ts';
import { call } from '../helpers/issuer-process.ts';
import { readCsv } from './csv-reader.ts';

const NAMES = [
  '=HYPERLINK("https://evil.example","Click")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1,2)',
  '\tTabbed',
  '\rCarriage',
  'Plain, with "quotes"\r\nand a line break',
];

let issuer: IssuerApp;
beforeAll(async () => {
  issuer = await startIssuerApp();
  for (const name of NAMES) {
    const credential = structuredClone(OB3_CERTIFICATION);
    credential.credentialSubject.achievement.name = name;
    credential.credentialSubject.achievement.id = `https://skills-council.example/a/${NAMES.indexOf(name)}`;
    const res = await call(issuer.url, 'POST', '/credentials/issue', { credential }, TOKENS.full);
    if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  }
});
afterAll(async () => {
  await issuer?.close();
});

describe('OWASP CSV Injection: GET /credentials?format=csv', () => {
  it('cells starting with = + - @ tab CR are prefixed with an apostrophe; others round-trip exactly', async () => {
    const res = await fetch(`${issuer.url}/credentials?format=csv`, {
      headers: { authorization: `Bearer ${TOKENS.full}` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const rows = readCsv(text).slice(1);
    const byAchievement = new Map(rows.map((r) => [r[1], r[2]]));
    NAMES.forEach((name, i) => {
      const cell = byAchievement.get(`https://skills-council.example/a/${i}`);
      expect(cell, name).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
    });
    // Every field is quoted: each line of a one-row export starts with a quote, and the formula
    // cell is '"\'=HYPERLINK(""…"
    const one = await fetch(`${issuer.url}/credentials?format=csv&achievement=https://skills-council.example/a/0`, {
      headers: { authorization: `Bearer ${TOKENS.full}` },
    });
    const lines = (await one.text()).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    for (const line of lines.slice(0, 2)) expect(line.startsWith('"')).toBe(true);
    expect(lines[1]).toContain(',"\'=HYPERLINK(""https://evil.example"",""Click"")",');
  });
});
