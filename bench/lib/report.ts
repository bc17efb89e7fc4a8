/**
 * Machine-readable figures for bench/all.ts: each benchmark prints its human-readable lines and
 * then one `##figures {json}` line, which all.ts collects into the targets table.
 */

/** One measured figure: ours, the peer's from the same run (when there is one), and a note. */
export interface Figure {
  ours: number;
  peer?: number;
  /** What the peer was, e.g. "jose 6.2.17" or "DCC signing-service 1.1.0". */
  peerName?: string;
  unit: string;
  note?: string;
}

export const FIGURES_PREFIX = '##figures ';

/** Prints the figures line (read by bench/all.ts). */
export function emitFigures(figures: Record<string, Figure>): void {
  console.log(`${FIGURES_PREFIX}${JSON.stringify(figures)}`);
}

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The q-quantile (0…1) of a list, nearest rank. */
export function quantile(xs: number[] | Float64Array, q: number): number {
  const s = Float64Array.from(xs).sort();
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}

/** `node bench/x.ts 5 2`: positional numeric arguments with defaults. */
export function numArg(index: number, fallback: number): number {
  const v = process.argv[2 + index];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`argument ${index + 1} must be a positive number (got ${v})`);
  return n;
}
