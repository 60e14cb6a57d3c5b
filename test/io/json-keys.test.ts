// Repeated keys of a JSON lines object, found from its text (JSON.parse keeps only the last).
import { repeatedKey } from '../../src/io/json-keys.js';

/** repeatedKey on one line, given the keys its parse holds (top level and "scores"). */
const check = (text: string) => {
  const row = JSON.parse(text) as Record<string, unknown>;
  const s = row.scores;
  const inScores = s !== null && typeof s === 'object' && !Array.isArray(s) ? Object.keys(s).length : 0;
  const buf = Buffer.from(`xx${text}\n`);
  return repeatedKey(buf, 2, buf.length - 1, Object.keys(row).length + inScores);
};

describe('repeatedKey', () => {
  it('finds a repeated read key, and a class repeated in "scores"', () => {
    expect(check('{"id": 1, "label": "a", "id": 2, "pred": "a"}')).toEqual({ inScores: false, key: 'id' });
    expect(check('{"label": "a", "scores": {"b": 1, "c": 2, "b": 3}}')).toEqual({ inScores: true, key: 'b' });
  });

  it('reads keys past escaped quotes and colons inside strings, and keys of nested values', () => {
    expect(check('{"note": "say \\"label\\": 1", "label": "a:b", "label": "c"}')).toEqual({
      inScores: false,
      key: 'label',
    });
    expect(check('{"x": [{"label": 1}, {"label": 2}], "label": "a", "pred": "a"}')).toBeNull();
    expect(check('{"scores": {"a\\"": 1, "a": 2}, "label": "a"}')).toBeNull();
  });

  it('ignores repeats of keys it does not read', () => {
    expect(check('{"label": "a", "pred": "a", "extra": 1, "extra": 2}')).toBeNull();
  });
});
