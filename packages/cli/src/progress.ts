import cliProgress from 'cli-progress';

/** The counts of a batch job as `GET /credentials/issue/batch/:id` answers them. */
export interface JobCounts {
  state: string;
  rows: number;
  issued: number;
  alreadyIssued: number;
  failed: number;
  pending?: number;
}

/** Shows a job's progress; `stop` leaves the last state on screen. */
export interface Progress {
  update(job: JobCounts): void;
  stop(): void;
}

const doneOf = (job: JobCounts) => job.issued + job.alreadyIssued + job.failed;

/**
 * A job's progress on `stream` (stderr, so that stdout stays the command's output): a
 * `cli-progress` bar (rows done / rows, failed, ETA) when the stream is a terminal, else one plain
 * line each time the counts change — `progress: 40/100 rows (38 issued, 0 already issued, 2 failed) running`.
 *
 * @example
 * const progress = startProgress(process.stderr);
 * progress.update(job);
 * progress.stop();
 */
export function startProgress(stream: NodeJS.WriteStream): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          'issuing |{bar}| {percentage}% | {value}/{total} rows | {failed} failed | {state} | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(job) {
        const payload = { failed: job.failed, state: job.state };
        if (!started) {
          bar.start(job.rows, doneOf(job), payload);
          started = true;
        } else {
          bar.setTotal(job.rows);
          bar.update(doneOf(job), payload);
        }
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = '';
  return {
    update(job) {
      const line = `progress: ${doneOf(job)}/${job.rows} rows (${job.issued} issued, ${job.alreadyIssued} already issued, ${job.failed} failed) ${job.state}`;
      if (line !== last) stream.write(`${line}\n`);
      last = line;
    },
    stop() {},
  };
}
