import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { type CommandContext, contextOf, print } from '../context.ts';
import { CliFailure, EXIT, ServiceRefusal } from '../failure.ts';

type Achievement = Record<string, unknown> & { id?: string; name?: string; version?: string };

async function readAchievement(file: string): Promise<Achievement> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliFailure(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`, EXIT.usage);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Achievement;
  } catch {}
  throw new CliFailure(`${file} must hold one JSON object (an OB 3.0 Achievement).`, EXIT.usage);
}

/** The catalogue id of an achievement sent without one: the listed achievement of the same name. */
async function idOf(ctx: CommandContext, achievement: Achievement): Promise<string | undefined> {
  if (typeof achievement.id === 'string') return achievement.id;
  const { achievements } = await ctx.client.json<{ achievements: Achievement[] }>('GET', '/achievements');
  return achievements.find((a) => a.name === achievement.name)?.id;
}

async function add(ctx: CommandContext, file: string): Promise<void> {
  const achievement = await readAchievement(file);
  let res: Response;
  try {
    res = await ctx.client.send('POST', '/achievements', { json: achievement });
  } catch (error) {
    // The achievement exists with other content: record this content as its next version.
    if (!(error instanceof ServiceRefusal && error.status === 409 && error.problem.pointer === '/id')) throw error;
    const id = await idOf(ctx, achievement);
    if (id === undefined) throw error;
    res = await ctx.client.send('PUT', `/achievements/${encodeURIComponent(id)}`, { json: achievement });
  }
  const saved = (await res.json()) as Achievement;
  const what = res.status === 201 ? (saved.version === '1' ? 'added' : 'new version') : 'unchanged';
  print(ctx, saved, () => [`${what}: ${saved.id} version ${saved.version} (${String(saved.name ?? '')})`]);
}

async function list(ctx: CommandContext): Promise<void> {
  const answer = await ctx.client.json<{ achievements: Achievement[] }>('GET', '/achievements');
  print(ctx, answer, () =>
    answer.achievements.length === 0
      ? ['no achievements in the catalogue']
      : answer.achievements.map((a) => `${a.id}\tversion ${a.version}\t${String(a.name ?? '')}`),
  );
}

/**
 * `certify achievements add FILE.json`: `POST /achievements`; when the achievement exists with
 * other content (409 on `/id`), `PUT /achievements/{id}` records it as a new version (an
 * achievement without `id` is found by its name). `certify achievements list`: `GET /achievements`.
 *
 * @example
 * program.addCommand(achievementsCommand());
 */
export function achievementsCommand(): Command {
  const group = new Command('achievements').description('the achievement catalogue (versioned)');
  group
    .command('add')
    .description('add an achievement from an OB 3.0 Achievement JSON file; a changed one becomes a new version')
    .argument('<file>', 'the achievement (JSON)')
    .action((file: string, _options, command: Command) => add(contextOf(command), file));
  group
    .command('list')
    .description('the latest version of every achievement')
    .action((_options, command: Command) => list(contextOf(command)));
  return group;
}
