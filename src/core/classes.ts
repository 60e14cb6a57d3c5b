// The class list shared by every split of one evaluation. Readers turn class names into
// indices through it; accumulators and reports speak indices. When the list is fixed
// (--classes, score columns, a model's output size) an unknown name is an error; otherwise
// names are added as they are first seen and sorted once at the end (see `sortedOrder`).

/**
 * Why `name` cannot be a class name, or null: a control character (a line break, a tab, U+001F),
 * or nothing visible at all (it would show as an empty name in the comment).
 * A split's label fingerprint ends each example's names with a line break and joins a multi-label
 * example's with U+001F, so a name holding one would let two different label sequences hash
 * alike, and compare would pair examples that differ; in a comment it would break the lines.
 */
export function classNameProblem(name: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  const m = /[\u0000-\u001f\u007f]/.exec(name);
  // Only format characters and spaces (U+2060, a soft hyphen, U+200B): an empty name on screen.
  if (!m && !/[^\p{Cf}\p{Z}\s]/u.test(name))
    return 'has no visible character (only spaces or format characters such as U+200B); expected a class name';
  if (!m) return null;
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `contains the control character U+${code}; expected a class name on one line, without control characters`;
}

/**
 * What a class name looks like on screen: NFC-normalized, without format characters (U+200B,
 * U+2060, a soft hyphen, ZWJ). Two names with the same key print the same in a comment ('cat'
 * and 'cat' + U+200B), so a reviewer could not tell which one regressed: they are refused.
 */
export function lookAlikeKey(name: string): string {
  return name.normalize('NFC').replace(/\p{Cf}/gu, '');
}

/** A name in a message, its invisible characters spelled out (\u200b), so look-alikes can be told apart. */
export function spelledName(name: string): string {
  return JSON.stringify(name).replace(/\p{Cf}/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** Why `name` cannot join `names` (a look-alike of one of them), or null. */
export function lookAlikeProblem(name: string, lookAlike: string | undefined): string | null {
  if (lookAlike === undefined || lookAlike === name) return null;
  const visible = (n: string) => n.replace(/\p{Cf}/gu, '');
  const how = [
    visible(name) !== name || visible(lookAlike) !== lookAlike ? 'invisible characters' : '',
    visible(name) !== visible(lookAlike)
      ? `Unicode normalization (this one is ${name === name.normalize('NFC') ? '' : 'not '}in NFC)`
      : '',
  ].filter((w) => w !== '');
  return `${spelledName(name)} looks the same as class ${spelledName(lookAlike)} (they differ only in ${how.join(' and ')}); expected class names that can be told apart`;
}

export class UnknownClassError extends Error {
  constructor(public readonly className: string) {
    super(`unknown class ${JSON.stringify(className)}`);
  }
}

export class ClassIndex {
  private readonly byName = new Map<string, number>();
  /** lookAlikeKey of each name, to its name. */
  private readonly byLook = new Map<string, string>();
  readonly names: string[] = [];

  constructor(
    names: readonly string[] = [],
    /** When true, `indexOf` rejects names that are not in the list. */
    public fixed = false,
  ) {
    for (const n of names) this.add(n);
  }

  get size(): number {
    return this.names.length;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Index of `name`, adding it when the list is not fixed. Throws UnknownClassError otherwise. */
  indexOf(name: string): number {
    const i = this.byName.get(name);
    if (i !== undefined) return i;
    if (this.fixed) throw new UnknownClassError(name);
    return this.add(name);
  }

  private add(name: string): number {
    const existing = this.byName.get(name);
    if (existing !== undefined) throw new Error(`duplicate class name ${JSON.stringify(name)}`);
    const i = this.names.length;
    this.names.push(name);
    this.byName.set(name, i);
    const key = lookAlikeKey(name);
    if (!this.byLook.has(key)) this.byLook.set(key, name);
    return i;
  }

  /** A name already in the list that looks the same as `name` (lookAlikeKey), or undefined. */
  lookAlike(name: string): string | undefined {
    return this.byLook.get(lookAlikeKey(name));
  }

  /**
   * For a discovered (not fixed) list: the permutation that sorts names naturally
   * ("2" before "10"), as old index -> new index. Identity for fixed lists.
   */
  sortedOrder(): Uint32Array {
    const perm = new Uint32Array(this.size);
    if (this.fixed) {
      for (let i = 0; i < perm.length; i++) perm[i] = i;
      return perm;
    }
    const order = this.names.map((_, i) => i).sort((a, b) => naturalCompare(this.names[a], this.names[b]));
    order.forEach((oldIndex, newIndex) => (perm[oldIndex] = newIndex));
    return perm;
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
