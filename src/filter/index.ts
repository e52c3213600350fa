/** The filter language: tokens -> Filter (AST) -> libpcap text | JS predicate. Pure. */
export { FilterError, FILTER_ORDER, emptyFilter, isEmptyFilter } from './ast.js';
export type { Filter, FilterField, IpPrefix, MacAddress, PortRange, Protocol } from './ast.js';
export { FILTER_KEYS, isFilterKey, parseFilter } from './parse.js';
export { formatFilter } from './format.js';
export { toBpf } from './bpf.js';
export { compilePredicate } from './predicate.js';
export type { Predicate } from './predicate.js';
export { FILTERED_LINK_TYPES } from './linklayer.js';
export { matchesNothing } from './satisfiable.js';
