import { parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/core/errors.js';

const SPEC = {
  split: { type: 'string', multiple: true },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

describe('parseArgs', () => {
  it('reads repeated flags, --flag=value, switches and positionals', () => {
    const p = parseArgs(
      'x',
      ['--split', 'a=1', 'pos', '--split=b=2', '--out=r.json', '--quiet', '--', '--literal'],
      SPEC,
      { positionals: true },
    );
    expect(p.flags).toEqual({ split: ['a=1', 'b=2'], out: 'r.json', quiet: true });
    expect(p.positionals).toEqual(['pos', '--literal']);
    expect(parseArgs('x', [], SPEC).flags).toEqual({ split: [], out: undefined, quiet: false });
  });

  it.each([
    [['--nope'], /^x: unknown option --nope \(see 'modelgate x --help'\)$/],
    [['--nope=3'], /unknown option --nope /],
    [['-n'], /unknown option -n /],
    [['--out'], /--out needs a value/],
    [['--out', '--quiet'], /--out needs a value/],
    [['--out', 'a', '--out', 'b'], /--out is given twice/],
    [['--quiet=yes'], /--quiet takes no value/],
    [['stray'], /unexpected argument "stray"/],
    [['--constructor', 'x'], /unknown option --constructor/],
  ])('rejects %j with a clear usage error', (argv, re) => {
    expect(() => parseArgs('x', argv as string[], SPEC)).toThrow(UsageError);
    expect(() => parseArgs('x', argv as string[], SPEC)).toThrow(re);
  });
});
