// The byte-level number parser must agree bit for bit with Number(text) on every input it accepts.
import { decimalEnd, describeBadNumber, parseDecimal, parseDecimalPrefix } from '../../src/io/decimal.js';

const parse = (text: string) => {
  // surround with other bytes so that the span, not the buffer end, bounds the parse
  const b = Buffer.from(`##${text}##`, 'latin1');
  return parseDecimal(b, 2, 2 + Buffer.byteLength(text, 'latin1'));
};

const TRICKY = [
  '0',
  '-0',
  '+0',
  '0.0',
  '-0.0',
  '00012',
  '1.',
  '.5',
  '-.5',
  '+.5',
  '0.1',
  '0.2',
  '0.3',
  '1e0',
  '1E+2',
  '1e-2',
  '123456789012345',
  '1234567890123456',
  '12345678901234567',
  '9007199254740993',
  '9007199254740992',
  '0.12345678901234568',
  '0.1234567890123456789',
  '0.000001',
  '1e-7',
  '1e22',
  '1e23',
  '1e-22',
  '1e-23',
  '123456789012345e7',
  '123456789012345e8',
  '1.7976931348623157e308',
  '1.7976931348623159e308',
  '2.2250738585072011e-308',
  '2.2250738585072014e-308',
  '4.9e-324',
  '5e-324',
  '2e-324',
  '1e-400',
  '0e999',
  '-0e-999',
  '8.98846567431158e307',
  '0.30000000000000004',
  '0.1000000000000000055511151231257827',
  '3.14159265358979323846264338327950288',
  '100000000000000000000000',
  '0.000000000000000000000000000001',
  '99999999999999999999',
  '4.35',
  '1.005',
  '2.675',
  '0.0000000000000000000000000000000000000000000000001234',
  '000000000000000000000000000000000001.5',
  '1.000000000000000000000000000000000001',
  '6.02214076e23',
  '1.602176634e-19',
  '1e+308',
  '-1e-308',
  ' 1.5',
  '1.5 ',
  '\t2\t',
];

describe('parseDecimal', () => {
  it.each(TRICKY)('%j matches Number()', (t) => {
    expect(Object.is(parse(t), Number(t))).toBe(true);
  });

  it('matches Number() on random doubles in every notation', () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 20000; i++) {
      view.setUint32(0, (rnd() * 2 ** 32) >>> 0);
      view.setUint32(4, (rnd() * 2 ** 32) >>> 0);
      const bits = view.getFloat64(0);
      const x = Number.isFinite(bits) ? bits : rnd();
      const y = rnd() * 10 ** Math.floor(rnd() * 40 - 20);
      for (const v of [x, y, -y, Math.fround(y)]) {
        const forms = [
          String(v),
          v.toExponential(),
          v.toExponential(3),
          v.toPrecision(1 + (i % 21)),
          v.toFixed(i % 20),
        ];
        for (const t of forms) {
          if (!/^-?[\d.]+(e[+-]\d+)?$/.test(t)) continue;
          const got = parse(t);
          if (!Object.is(got, Number(t))) throw new Error(`${t}: got ${got}, Number gives ${Number(t)}`);
        }
      }
    }
  });

  it('matches Number() on random 16 to 22 digit mantissas with any exponent', () => {
    let seed = 987654321;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const digit = () => String(Math.floor(rnd() * 10));
    for (let i = 0; i < 40000; i++) {
      const n = 16 + (i % 7);
      let m = String(1 + Math.floor(rnd() * 9));
      for (let k = 1; k < n; k++) m += digit();
      const point = Math.floor(rnd() * (n + 1));
      const body = point === 0 ? m : `${m.slice(0, point)}.${m.slice(point)}`;
      const exp = Math.floor(rnd() * 600) - 300;
      for (const t of [body, `${body}e${exp}`, `0.${'0'.repeat(i % 12)}${m}`]) {
        const got = parse(t);
        if (!Object.is(got, Number(t))) throw new Error(`${t}: got ${got}, Number gives ${Number(t)}`);
      }
    }
  });

  it('matches Number() on short plain decimals (the fast path: at most 15 digits, no exponent)', () => {
    let seed = 2024;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 100000; i++) {
      const n = 1 + (i % 17); // 16 and 17 digits take the general path
      let m = '';
      for (let k = 0; k < n; k++) m += String(Math.floor(rnd() * 10));
      const point = Math.floor(rnd() * (n + 1));
      const body = point === n && i % 3 === 0 ? m : `${m.slice(0, point)}.${m.slice(point)}`;
      for (const t of [body, `-${body}`]) {
        const got = parse(t);
        if (!Object.is(got, Number(t))) throw new Error(`${t}: got ${got}, Number gives ${Number(t)}`);
      }
    }
  });

  it('ends a number where its spelling ends', () => {
    const b = Buffer.from('0.72,-1.5\n12e3,1e,7.|', 'latin1');
    const at = (s: number) => [parseDecimalPrefix(b, s, b.length), decimalEnd()];
    expect(at(0)).toEqual([0.72, 4]);
    expect(at(5)).toEqual([-1.5, 9]);
    expect(at(10)).toEqual([12000, 14]);
    expect(at(15)).toEqual([1, 16]); // an exponent without digits is not part of the number
    expect(at(18)).toEqual([7, 20]);
    expect(at(20)).toEqual([NaN, 20]);
    // the limit, not the buffer, bounds the number
    expect([parseDecimalPrefix(b, 0, 3), decimalEnd()]).toEqual([0.7, 3]);
  });

  it('matches Number() near rounding boundaries (halfway cases)', () => {
    // decimal expansions of doubles and of midpoints between neighbours, truncated to 17-19 digits
    let seed = 4242;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 20000; i++) {
      const x = rnd() * 10 ** Math.floor(rnd() * 30 - 15);
      const next = x + x * 2 ** -52;
      const mid = (x + next) / 2;
      for (const v of [x, mid, next]) {
        for (const p of [16, 17, 18, 19]) {
          const t = v.toPrecision(p);
          if (!Object.is(parse(t), Number(t))) throw new Error(`${t}: got ${parse(t)}, Number gives ${Number(t)}`);
        }
      }
    }
  });

  it.each([
    '',
    '-',
    '.',
    'e5',
    '1e',
    '1e+',
    '0x10',
    '0b1',
    'nan',
    'NaN',
    'inf',
    '-inf',
    'Infinity',
    '1,5',
    '1_000',
    '--1',
  ])('%j is not a finite decimal', (t) => {
    expect(Number.isFinite(parse(t))).toBe(false);
  });

  it('explains bad cells', () => {
    expect(describeBadNumber('')).toBe('is empty');
    expect(describeBadNumber('nan')).toBe('is NaN');
    expect(describeBadNumber('-inf')).toBe('is infinite');
    expect(describeBadNumber('1e400')).toBe('is infinite');
    expect(describeBadNumber('abc')).toBe('is not a number ("abc")');
  });
});
