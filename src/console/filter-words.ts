import { FilterError, parseFilter, type Filter } from '../filter/index.js';
import { UsageError } from './errors.js';

/**
 * Filter words to a Filter; a filter error is a usage error, since the user typed it.
 * Apart from the grammar so that `read` loads no command parser.
 */
export function filterOf(tokens: string[]): Filter {
  try {
    return parseFilter(tokens);
  } catch (err) {
    if (err instanceof FilterError) throw new UsageError(err.message);
    throw err;
  }
}
