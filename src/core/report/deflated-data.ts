// A split's per-example predictions as the deflated pieces they were written in, until the
// report is written: the report file holds their base64 (EncodedExamples.data), produced slice by
// slice as the file is written (src/io/report-file.ts), so the pieces, one copy of them joined and
// the base64 of it never sit in memory together (issue 14: 31 MB of a 1M-row run's peak).

/** The concatenation of `pieces` (a raw deflate stream, final block included). */
export class DeflatedData {
  constructor(private readonly pieces: readonly Uint8Array[]) {}

  /** The bytes, joined (one copy). */
  bytes(): Uint8Array {
    return Buffer.concat(this.pieces);
  }

  /**
   * The bytes' base64 in slices of at most about `chars` characters: each slice but the last
   * encodes a multiple of 3 bytes, so the slices joined are the base64 of the whole.
   */
  *base64(chars: number): Generator<string> {
    const step = Math.max(3, Math.floor(chars / 4) * 3);
    let carry = Buffer.alloc(0);
    for (const piece of this.pieces) {
      let bytes =
        carry.length > 0 ? Buffer.concat([carry, piece]) : Buffer.from(piece.buffer, piece.byteOffset, piece.length);
      while (bytes.length >= step) {
        yield bytes.subarray(0, step).toString('base64');
        bytes = bytes.subarray(step);
      }
      const whole = bytes.length - (bytes.length % 3);
      if (whole > 0) yield bytes.subarray(0, whole).toString('base64');
      carry = Buffer.from(bytes.subarray(whole));
    }
    if (carry.length > 0) yield carry.toString('base64');
  }

  /** JSON.stringify writes the base64 whole (a report written otherwise than by report-file.ts). */
  toJSON(): string {
    return [...this.base64(1 << 20)].join('');
  }
}
