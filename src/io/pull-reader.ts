// Exact-size reads over an async stream of chunks, so that two arrays can be consumed in
// lockstep (a slice of rows from each) without holding either whole.

export class PullReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private done = false;
  /** Bytes handed out so far. */
  offset = 0;

  constructor(private readonly it: AsyncIterator<Buffer>) {}

  /** The next `n` bytes; fewer only when the stream ends first. Valid until the next call. */
  async read(n: number): Promise<Buffer> {
    while (this.buf.length - this.pos < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        const rest = this.buf.subarray(this.pos);
        this.buf = rest.length ? Buffer.concat([rest, r.value]) : r.value;
        this.pos = 0;
      }
    }
    const end = Math.min(this.buf.length, this.pos + n);
    const out = this.buf.subarray(this.pos, end);
    this.offset += out.length;
    this.pos = end;
    return out;
  }

  async close(): Promise<void> {
    await this.it.return?.(undefined);
  }
}
