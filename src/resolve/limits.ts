/** Bounds that keep hostile or broken configs from hanging or crashing the resolver. */

/** Variables resolving through other variables deeper than this stop with `variable-depth`. */
export const MAX_VARIABLE_DEPTH = 200;

/** Maps and lists nested deeper than this (through references) stop with `variable-depth`. */
export const MAX_NESTING = 400;

/** An interpolated string longer than this is not built (exponential `${a}${a}` chains). */
export const MAX_STRING_LENGTH = 1_000_000;

/** A value expanding to more nodes than this is not built (exponential reference fan-out). */
export const MAX_EXPANDED_NODES = 1_000_000;
