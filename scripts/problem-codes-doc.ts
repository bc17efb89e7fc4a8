/**
 * Writes docs/problems.md from the one table of problem codes (packages/core/src/problem-codes.ts).
 * Run after adding a code; a test checks that the page lists every code.
 *
 * @example node --import tsx scripts/problem-codes-doc.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROBLEM_CODES, type ProblemCode, problem } from '@repo/core';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const rows = (Object.keys(PROBLEM_CODES) as ProblemCode[]).map((code) => {
  const { source, meaning } = PROBLEM_CODES[code];
  const type = problem(code, '').type;
  return `| \`${code}\` | ${source} | \`${type.startsWith('/') ? `<base>${type}` : type}\` | ${meaning} |`;
});
const page = `# Problem types

Every error the issuer service answers (RFC 9457 \`application/problem+json\`) and every problem in a
verification result carries one of these codes as its \`title\`. Software should branch on the
\`title\`; the \`detail\` is a sentence for a person and the \`pointer\` (a JSON Pointer) names the
field when there is one.

- Codes named by W3C specifications (VC Data Model 2.0 §7.1, Data Integrity, Bitstring Status List,
  Controlled Identifiers) keep the W3C \`type\` URL \`https://www.w3.org/ns/credentials#NAME\`.
- Our own codes have the \`type\` \`<base>/problems#NAME\`, where \`<base>\` is the issuer service's
  \`PUBLIC_BASE_URL\`: the service serves this table at \`GET /problems\` (HTML, or JSON with
  \`Accept: application/json\`), each code under its own anchor. The verifier library, which has no
  base URL, reports the same reference relative (\`/problems#NAME\`, RFC 9457 §3.1.1).
- Codes are stable: a code is never renamed or given another meaning; new ones may be added.

This page is generated from \`packages/core/src/problem-codes.ts\` by
\`node --import tsx scripts/problem-codes-doc.ts\`.

| Code | Source | \`type\` | Meaning |
|---|---|---|---|
${rows.join('\n')}
`;
writeFileSync(join(root, 'docs', 'problems.md'), page);
console.log(`docs/problems.md: ${rows.length} codes`);
