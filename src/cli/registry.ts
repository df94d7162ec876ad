/** The rule registry the CLI lints with. */
import { rules } from '../../rules/index.js';

export const registry = rules;
