import { Command } from 'commander';
import { type CommandContext, contextOf, print } from '../context.ts';
import { CliFailure, EXIT, formatProblem, type Problem } from '../failure.ts';

/** At most this many ids a request (the service's limit); more are sent in parts. */
export const IDS_PER_REQUEST = 10_000;

type Action = 'revoked' | 'suspended' | 'unsuspended';
interface BulkAnswer {
  changed: number;
  unchanged: number;
  failed: Array<{ id: string; problem: Problem }>;
}

async function change(
  ctx: CommandContext,
  action: Action,
  ids: string[],
  options: { batch?: string; reason?: string },
): Promise<number> {
  if (ids.length > 0 === (options.batch !== undefined)) {
    throw new CliFailure('Give credential ids, or --batch JOB (not both).', EXIT.usage);
  }
  const requests =
    options.batch !== undefined
      ? [{ batch: options.batch }]
      : Array.from({ length: Math.ceil(ids.length / IDS_PER_REQUEST) }, (_, i) => ({
          ids: ids.slice(i * IDS_PER_REQUEST, (i + 1) * IDS_PER_REQUEST),
        }));
  const total: BulkAnswer = { changed: 0, unchanged: 0, failed: [] };
  for (const selection of requests) {
    const answer = await ctx.client.json<BulkAnswer>('POST', '/credentials/status/bulk', {
      json: { ...selection, status: action, ...(options.reason !== undefined && { reason: options.reason }) },
    });
    total.changed += answer.changed;
    total.unchanged += answer.unchanged;
    total.failed.push(...answer.failed);
  }
  if (!ctx.json) for (const f of total.failed) ctx.note(`${f.id}: ${formatProblem(f.problem)}`);
  print(ctx, total, () => [
    `${action}: ${total.changed} changed, ${total.unchanged} unchanged, ${total.failed.length} failed`,
  ]);
  return total.failed.length > 0 ? EXIT.failed : EXIT.ok;
}

const VERBS: Array<[string, Action, string]> = [
  ['revoke', 'revoked', 'revoke credentials (final: a revoked credential stays revoked)'],
  ['suspend', 'suspended', 'suspend credentials (reversible: reinstate)'],
  ['reinstate', 'unsuspended', 'reinstate suspended credentials'],
];

/**
 * `certify revoke|suspend|reinstate ID… [--batch JOB] [--reason TEXT]`, through
 * `POST /credentials/status/bulk` (10,000 ids a request). Exit 1 when any credential failed.
 *
 * @example
 * for (const c of statusCommands()) program.addCommand(c);
 */
export function statusCommands(): Command[] {
  return VERBS.map(([verb, action, description]) =>
    new Command(verb)
      .description(description)
      .argument('[ids...]', 'credential ids (urn:uuid:…)')
      .option('--batch <job>', 'every credential this batch job issued')
      .option('--reason <text>', "why (≤ 500 characters), kept in each credential's status history")
      .action(async (ids: string[], options: { batch?: string; reason?: string }, command: Command) => {
        process.exitCode = await change(contextOf(command), action, ids, options);
      }),
  );
}
