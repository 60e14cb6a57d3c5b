// A progress line on stderr while long inputs are read: rewritten in place on a terminal,
// otherwise (CI logs) one line every few seconds and nothing at all for short inputs.

export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  stream?: ProgressSink;
  now?: () => number;
  /** Terminal refresh interval; default 200 ms. */
  ttyEveryMs?: number;
  /** Log line interval when not a terminal; default 5 s (the first line comes after that long too). */
  logEveryMs?: number;
}

export interface Progress {
  /** Rows read so far in `split`. */
  update(split: string, rows: number): void;
  /** Clears the terminal line. */
  finish(): void;
}

/** `s` with control characters (escape sequences) replaced by '?', for terminal output. */
export function printable(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : ch;
  }
  return out;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function createProgress(opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now());
  const tty = !!stream.isTTY;
  const every = tty ? (opts.ttyEveryMs ?? 200) : (opts.logEveryMs ?? 5000);
  let current = '';
  let started = 0;
  let last = 0;
  let shown = false;
  return {
    update(split, rows) {
      const t = now();
      if (split !== current) {
        current = split;
        started = t;
        last = t;
        return;
      }
      if (t - last < every) return;
      last = t;
      const secs = (t - started) / 1000;
      const line = `reading ${printable(split)}: ${fmt(rows)} rows (${fmt(secs > 0 ? rows / secs : 0)} rows/s)`;
      if (tty) stream.write(`\r\x1b[K${line}`);
      else stream.write(`${line}\n`);
      shown = true;
    },
    finish() {
      if (tty && shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
