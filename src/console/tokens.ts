import { UsageError } from './errors.js';

/**
 * Splits a typed line into words the way a shell would for the simple cases a
 * technician types: blanks separate, "..." and '...' group, nothing else is special.
 */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote = '';
  let quotedFrom = '';
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = '';
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      quotedFrom = word;
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  // The word at fault, not the whole line (which may be long): where the quote opened.
  if (quote) throw new UsageError(`unterminated ${quote} quote in: ${quotedFrom}${quote}${word.slice(quotedFrom.length)}`);
  if (inWord) words.push(word);
  return words;
}
