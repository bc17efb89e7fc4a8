import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { type CommandContext, contextOf } from '../context.ts';

interface ExportOptions {
  format: 'csv' | 'jsonl';
  achievement?: string;
  recipient?: string;
  from?: string;
  to?: string;
  status?: string;
  batch?: string;
  issuedBy?: string;
  out?: string;
}

const FILTERS = ['achievement', 'recipient', 'from', 'to', 'status', 'batch', 'issuedBy'] as const;

async function exportRecords(ctx: CommandContext, options: ExportOptions): Promise<void> {
  const params = new URLSearchParams({ format: options.format });
  for (const name of FILTERS) if (options[name] !== undefined) params.set(name, options[name]);
  const res = await ctx.client.send('GET', `/credentials?${params}`, {
    accept: options.format === 'csv' ? 'text/csv' : 'application/jsonl',
  });
  const sink: Writable = options.out === undefined ? process.stdout : createWriteStream(options.out);
  if (res.body) await pipeline(Readable.fromWeb(res.body as never), sink, { end: options.out !== undefined });
  if (options.out !== undefined) ctx.note(`wrote ${options.out}`);
}

/**
 * `certify export`: what was issued, as CSV (one row a credential) or JSON Lines (the stored
 * credentials), streamed from `GET /credentials?format=…` with its filters, to a file or stdout.
 *
 * @example
 * program.addCommand(exportCommand());
 */
export function exportCommand(): Command {
  return new Command('export')
    .description('export issued credentials (CSV summaries or JSON Lines credentials)')
    .addOption(new Option('--format <format>', 'csv or jsonl').choices(['csv', 'jsonl']).default('csv'))
    .option('--achievement <id>', 'issued for this achievement id')
    .option('--recipient <did-or-email>', 'issued to this DID or email')
    .option('--from <date>', 'issued at or after (2026-03-01 or a date-time with a zone)')
    .option('--to <date>', 'issued before')
    .option('--status <list>', 'comma list of active, revoked, suspended, superseded, expired')
    .option('--batch <job>', 'issued by this batch job')
    .option('--issued-by <name>', 'issued with this token name')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action((options: ExportOptions, command: Command) => exportRecords(contextOf(command), options));
}
