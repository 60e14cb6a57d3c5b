// Commands people give modelgate in a pull request comment: the first line, `/modelgate <verb>`.
// Shared by the bot (which answers them) and the action (which honours an acceptance).
// `accept` and `explain` take an optional `--key <key>` (or `--key=<key>`) right after the verb:
// the comment key (one model of a matrix) the command is about; without it, every key of the head.

export type BotCommand =
  | { name: 'accept'; reason: string; key?: string }
  | { name: 'explain'; className: string; key?: string }
  | { name: 'help' }
  | { name: 'unknown'; word: string };

/** Reasons and class names longer than this are cut: a command is one line, not an essay. */
export const MAX_ARGUMENT = 500;

/** The command on the first line of `body`, or null when it is not addressed to modelgate. */
export function parseCommand(body: string | null | undefined): BotCommand | null {
  const first = (body ?? '')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]
    // Not trimmed at the start: a command is at the start of its line, and an indented one is
    // quoted code (four spaces or a tab make a Markdown code block).
    .trimEnd();
  const m = /^\/modelgate(?:\s+(\S+)(?:\s+(.*))?)?$/i.exec(first);
  if (!m) return null;
  const verb = (m[1] ?? 'help').toLowerCase();
  const { key, arg } = keySelector((m[2] ?? '').trim());
  const rest = arg.slice(0, MAX_ARGUMENT);
  if (verb === 'accept') return { name: 'accept', reason: rest, key };
  if (verb === 'explain') return { name: 'explain', className: unquote(rest), key };
  if (verb === 'help') return { name: 'help' };
  return { name: 'unknown', word: verb.slice(0, 40) };
}

/**
 * A leading `--key <key>` or `--key=<key>` (the option word exactly: a reason that starts with any
 * other word, `--keyboard` included, is left whole). `--key` with nothing after it gives key ''.
 */
function keySelector(s: string): { key: string | undefined; arg: string } {
  const m = /^--key(?:=|\s+|$)(\S*)\s*(.*)$/i.exec(s);
  return m ? { key: m[1].slice(0, 200), arg: m[2] } : { key: undefined, arg: s };
}

/** `explain "a b"` and `explain `a b`` name the class inside the quotes. */
function unquote(s: string): string {
  const m = /^(["'`])(.*)\1$/.exec(s);
  return m ? m[2] : s;
}

/** Bots never give commands (and the bot never answers itself). */
export function isBotAccount(user: { login?: string; type?: string } | null | undefined): boolean {
  return !user || user.type === 'Bot' || /\[bot\]$/i.test(user.login ?? '');
}
