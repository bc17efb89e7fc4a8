/**
 * Runs both example pathways end to end, locally, and prints what happens:
 * - the manufacturing AAS pathway (schemas/pathways/manufacturing-aas.json) evaluated twice —
 *   incomplete, then complete with a signed CLR 2.0 and the degree credential;
 * - the CIMT recertification (schemas/pathways/cimt-recertification.json): grace period, renewal
 *   with continuing-education credits, the old credential superseded, refresh to the current one.
 *
 * Two real issuer services (Express + LevelDB in temporary folders) run in this process on
 * 127.0.0.1; nothing leaves the machine.
 *
 * @example npm run demo:pathways
 */
import type { PathwayReport } from '@repo/pathways';
import {
  createWorld,
  danasContinuingEducation,
  danasCredentials,
  employerVerifier,
  examplePathway,
  WORKER,
} from './demo/world.ts';

const out = (line = '') => console.log(line);

function printReport(report: PathwayReport): void {
  out(`  complete: ${report.complete}`);
  const depth = new Map<string, number>();
  for (const r of report.requirements) {
    const d = r.parent === undefined ? 0 : (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.id, d);
    const mark = r.status === 'satisfied' ? '✔' : r.status === 'partial' ? '◐' : '✘';
    const need = r.stillNeeded ? `  — still needed: ${r.stillNeeded}` : '';
    out(`  ${'  '.repeat(d)}${mark} ${r.name} [${r.credits} credits]${need}`);
  }
  for (const s of report.advancedStanding)
    out(`  + advanced standing: ${s.name} → ${s.credits} credits toward "${s.toward}"`);
  for (const x of report.excluded) out(`  ✘ excluded ${x.id}: ${x.reason}`);
}

const world = await createWorld('2026-09-01T12:00:00Z');
try {
  const aas = examplePathway('manufacturing-aas');
  const recert = examplePathway('cimt-recertification');
  if ((await world.college.call('POST', '/pathways', aas)).status !== 201)
    throw new Error('could not publish the AAS pathway');
  if ((await world.council.call('POST', '/pathways', recert)).status !== 201)
    throw new Error('could not publish the recertification pathway');
  const dana = await danasCredentials(world);
  const aasPath = `/pathways/${encodeURIComponent(aas.id)}/evaluate`;

  out(`# ${aas.name}`);
  out();
  out('## 1. Dana sends her credentials before finishing the capstone (2026-09-01)');
  const { capstone: _capstone, ...withoutCapstone } = dana;
  const early = await world.college.call('POST', aasPath, { verifiableCredential: Object.values(withoutCapstone) });
  printReport(early.json.report);

  out();
  out('## 2. After the capstone: the registrar issues the degree and a CLR 2.0 transcript');
  const done = await world.college.call('POST', aasPath, {
    verifiablePresentation: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: WORKER,
      verifiableCredential: Object.values(dana),
    },
    options: { issue: ['achievement', 'clr'] },
  });
  if (done.status !== 201) throw new Error(`evaluate+issue failed: ${JSON.stringify(done.json)}`);
  printReport(done.json.report);
  const { clr, achievement } = done.json.issued;
  const employer = employerVerifier(world, [recert.renewal!]);
  const clrCheck = await employer.verifyCredential(clr);
  const degreeCheck = await employer.verifyCredential(achievement);
  out(
    `  degree: "${achievement.name}" (${achievement.credentialSubject.creditsEarned} credits) — employer verifier: verified=${degreeCheck.verified}`,
  );
  out(
    `  CLR: ${clr.credentialSubject.verifiableCredential.length} credentials, associations ${[...new Set(clr.credentialSubject.association.map((a: any) => a.associationType))].join(', ')} — employer verifier: verified=${clrCheck.verified}`,
  );

  out();
  out(`# ${recert.name}`);
  out();
  world.clock.set('2027-06-01T12:00:00Z');
  const grace = await employer.verifyCredential(dana.cimt);
  out(`## 3. 2027-06-01, CIMT expired on ${dana.cimt.validUntil} and not yet renewed`);
  out(`  verified=${grace.verified}; lifecycle: ${grace.lifecycle?.state} — ${grace.lifecycle?.message}`);

  out();
  out('## 4. Dana renews with five continuing-education courses (6 credits each)');
  const ce = await danasContinuingEducation(world);
  const renewed = await world.council.call('POST', '/credentials/renew', {
    credentialId: dana.cimt.id,
    verifiableCredential: ce,
  });
  if (renewed.status !== 201) throw new Error(`renewal failed: ${JSON.stringify(renewed.json)}`);
  printReport(renewed.json.report);
  const current = renewed.json.verifiableCredential;
  out(
    `  renewed: ${current.id}, valid ${current.validFrom} → ${current.validUntil}, awardedDate kept ${current.awardedDate}`,
  );

  out();
  out('## 5. An employer checks the OLD copy Dana still has in her wallet');
  const old = await employer.verifyCredential(dana.cimt);
  out(`  verified=${old.verified}; lifecycle: ${old.lifecycle?.state} — ${old.lifecycle?.message}`);
  const fresh = await employer.verifyCredential(current);
  out(
    `  the current one: verified=${fresh.verified}; lifecycle: ${fresh.lifecycle?.state} — ${fresh.lifecycle?.message}`,
  );

  out();
  world.clock.set('2030-09-01T12:00:00Z');
  const lapsed = await employer.verifyCredential(current);
  out(
    `## 6. 2030-09-01, never renewed again: verified=${lapsed.verified}; lifecycle: ${lapsed.lifecycle?.state} — ${lapsed.lifecycle?.message}`,
  );
} finally {
  await world.close();
}
