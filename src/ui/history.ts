import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEEP = 1000;

/**
 * Command history with up/down navigation, kept in a file across runs. A history
 * that cannot be read or written is not worth failing the console for: it starts empty.
 */
export class History {
  private entries: string[] = [];
  /** entries.length when not browsing. */
  private at = 0;
  /** What was typed before browsing began, given back when browsing past the newest entry. */
  private draft = '';

  constructor(private readonly file?: string) {
    if (!file) return;
    try {
      this.entries = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').slice(-KEEP);
    } catch {
      this.entries = [];
    }
    this.at = this.entries.length;
  }

  add(line: string): void {
    const text = line.trim();
    this.at = this.entries.length;
    if (text === '' || this.entries[this.entries.length - 1] === text) return;
    this.entries.push(text);
    this.at = this.entries.length;
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      if (this.entries.length > KEEP * 2) {
        this.entries = this.entries.slice(-KEEP);
        this.at = this.entries.length;
        writeFileSync(this.file, this.entries.join('\n') + '\n');
      } else {
        appendFileSync(this.file, text + '\n');
      }
    } catch {
      // Read-only home or full disk: history lives for this run only.
    }
  }

  /** The older entry, or undefined at the oldest. */
  up(current: string): string | undefined {
    if (this.at === 0) return undefined;
    if (this.at === this.entries.length) this.draft = current;
    return this.entries[--this.at];
  }

  /** The newer entry, or the draft when leaving history; undefined when not browsing. */
  down(): string | undefined {
    if (this.at >= this.entries.length) return undefined;
    this.at++;
    return this.at === this.entries.length ? this.draft : this.entries[this.at];
  }

  get size(): number {
    return this.entries.length;
  }

  /** The newest entry older than `before` that contains `text`, for reverse search; -1 if none. */
  findBackward(text: string, before = this.entries.length): number {
    for (let i = Math.min(before, this.entries.length) - 1; i >= 0; i--) if (this.entries[i].includes(text)) return i;
    return -1;
  }

  entry(index: number): string | undefined {
    return this.entries[index];
  }
}
