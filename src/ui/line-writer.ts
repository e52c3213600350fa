/**
 * Collects lines into large chunks before handing them to a write function:
 * one write per line costs more than formatting the line itself.
 */
export class LineWriter {
  private pending = '';

  constructor(
    private readonly write: (chunk: string) => void,
    private readonly chunkChars = 64 * 1024,
  ) {}

  line(text: string): void {
    this.pending += text + '\n';
    if (this.pending.length >= this.chunkChars) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = '';
    this.write(chunk);
  }
}
