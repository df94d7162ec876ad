import { describe, expect, it } from 'vitest';
import { parseAccessLevel } from '../../src/iam/access-level.js';

describe('parseAccessLevel', () => {
  it.each([
    ['Read', 'Read', ['Read']],
    ['List', 'List', ['List']],
    ['Permissions management, Write', 'Permissions management', ['Permissions management', 'Write']],
    // the specific level wins whatever the order
    ['Write, Permissions management', 'Permissions management', ['Write', 'Permissions management']],
    ['Write, Tagging', 'Tagging', ['Write', 'Tagging']],
    ['Tagging, Write', 'Tagging', ['Tagging', 'Write']],
    // an unknown level is not taken for harmless
    ['Mystery', 'Write', ['Write']],
    ['Mystery, Read', 'Read', ['Read']],
  ])('%s → %s', (raw, primary, all) => {
    expect(parseAccessLevel(raw)).toEqual({ primary, all });
  });
});
