import type { History } from './history.js';

/**
 * Ctrl-R as readline has it: an incremental search backwards through history. Typed
 * characters narrow it, Ctrl-R again goes to the next older match, Backspace widens it,
 * Enter runs the match, Esc (or an editing key) leaves it on the line to edit, and Ctrl-G
 * or Ctrl-C gives back the line as it was.
 */
export class ReverseSearch {
  query = '';
  /** History index of the match shown; -1 before anything matched. */
  private at = -1;
  /** The last search found nothing: the older match stays shown, as readline does. */
  failed = false;

  constructor(
    private readonly history: History,
    /** The line and cursor before the search, given back on cancel. */
    readonly original: { line: string; cursor: number },
  ) {}

  /** The text shown before the line, readline's own words. */
  get label(): string {
    return `(${this.failed ? 'failed ' : ''}reverse-i-search)\`${this.query}': `;
  }

  /** The matched entry, or the original line before anything matched. */
  get line(): string {
    return this.at >= 0 ? (this.history.entry(this.at) ?? '') : this.original.line;
  }

  /** Where the cursor sits: at the match within the line. */
  get cursor(): number {
    if (this.at < 0) return this.original.cursor;
    const i = this.line.indexOf(this.query);
    return i >= 0 ? i : this.line.length;
  }

  type(text: string): void {
    this.query += text;
    // The shown entry may still match the longer text: search from it, inclusive.
    this.search(this.at >= 0 ? this.at + 1 : undefined);
  }

  backspace(): void {
    if (this.query === '') return;
    this.query = this.query.slice(0, -1);
    this.at = -1;
    this.search(undefined);
  }

  /** Ctrl-R again: the next older match of the same text. */
  older(): void {
    if (this.query === '') return;
    const i = this.history.findBackward(this.query, this.at >= 0 ? this.at : undefined);
    if (i >= 0) {
      this.at = i;
      this.failed = false;
    } else this.failed = true;
  }

  private search(before: number | undefined): void {
    if (this.query === '') {
      this.failed = false;
      return;
    }
    const i = this.history.findBackward(this.query, before);
    if (i >= 0) {
      this.at = i;
      this.failed = false;
    } else this.failed = true;
  }
}
