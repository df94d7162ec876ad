/**
 * Access levels as the AWS service reference names them. The data pairs some levels with
 * `Write` (`Permissions management, Write`, `Tagging, Write`); the level AWS lists an action
 * under — and the one reviewers care about — is the more specific one.
 */

export type AccessLevel = 'Read' | 'Write' | 'List' | 'Tagging' | 'Permissions management';

const ACCESS_LEVELS: readonly AccessLevel[] = ['Read', 'Write', 'List', 'Tagging', 'Permissions management'];

export interface ParsedAccessLevel {
  primary: AccessLevel;
  all: AccessLevel[];
}

/** Parse the data's `accessLevel` text (one level, or several joined by commas). */
export function parseAccessLevel(raw: string): ParsedAccessLevel {
  const listed = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part): part is AccessLevel => (ACCESS_LEVELS as readonly string[]).includes(part));
  // A level this code does not know yet: assume it can change things rather than call it harmless.
  const all: AccessLevel[] = listed.length > 0 ? listed : ['Write'];
  const primary = all.includes('Permissions management') ? 'Permissions management' : all.includes('Tagging') ? 'Tagging' : all[0]!;
  return { primary, all };
}
