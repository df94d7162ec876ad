/**
 * Every rule in the registry has a doc page with the required sections and a test file with
 * at least three valid and three invalid cases. Read from the files' text: nothing is run here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const DOCS_DIR = join(PROJECT_ROOT, 'docs', 'rules');
const TESTS_DIR = join(PROJECT_ROOT, 'test', 'rules');

/** Level-2 headings every page has, in this order. */
const REQUIRED_SECTIONS = ['What it reports', 'Why it matters', 'Bad', 'Good', 'Options', 'When not to use it'] as const;
/** Sections that must show a YAML example. */
const YAML_SECTIONS = new Set(['Bad', 'Good']);

const MIN_CASES = 3;

interface Section {
  title: string;
  body: string;
}

/** Split a markdown page into its `## ` sections, ignoring headings inside code fences. */
export function sectionsOf(markdown: string): { title: string | undefined; sections: Section[] } {
  let title: string | undefined;
  const sections: Section[] = [];
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && title === undefined && /^# \S/.test(line)) {
      title = line.slice(2).trim();
      continue;
    }
    if (!inFence && /^## \S/.test(line)) {
      sections.push({ title: line.slice(3).trim(), body: '' });
      continue;
    }
    const current = sections[sections.length - 1];
    if (current) current.body += `${line}\n`;
  }
  return { title, sections };
}

/** Problems with one doc page (empty when it is complete). */
export function docProblems(id: string, markdown: string): string[] {
  const problems: string[] = [];
  const { title, sections } = sectionsOf(markdown);
  if (title !== id) problems.push(`the title must be "# ${id}" (found ${title === undefined ? 'none' : `"# ${title}"`})`);
  const titles = sections.map((s) => s.title);
  let last = -1;
  for (const required of REQUIRED_SECTIONS) {
    const i = titles.indexOf(required);
    if (i < 0) {
      problems.push(`missing section "## ${required}"`);
      continue;
    }
    if (i < last) problems.push(`section "## ${required}" is out of order (expected: ${REQUIRED_SECTIONS.join(', ')})`);
    last = Math.max(last, i);
    const body = sections[i]!.body;
    if (body.trim() === '') problems.push(`section "## ${required}" is empty`);
    if (YAML_SECTIONS.has(required) && !/^\s*```ya?ml\s*$/m.test(body)) problems.push(`section "## ${required}" has no \`\`\`yaml example`);
  }
  return problems;
}

/** Index of a top-level `key:` of the cases object (`valid:` must not match inside `invalid:`). */
function keyIndex(text: string, key: 'valid' | 'invalid'): number {
  const re = key === 'valid' ? /(^|[^A-Za-z0-9_$])valid\s*:\s*\[/m : /(^|[^A-Za-z0-9_$])invalid\s*:\s*\[/m;
  const m = re.exec(text);
  return m ? m.index + m[1]!.length : -1;
}

/** How many cases (objects with a `yaml` key) each list of a RuleTester test file has. */
export function countCases(text: string): { valid: number; invalid: number } {
  const v = keyIndex(text, 'valid');
  const inv = keyIndex(text, 'invalid');
  const count = (from: number, to: number) => (from < 0 ? 0 : (text.slice(from, to < 0 ? undefined : to).match(/(^|[\s{,])yaml\s*[:,}]/gm) ?? []).length);
  if (v < 0 || inv < 0) return { valid: count(v, -1), invalid: count(inv, -1) };
  return v < inv ? { valid: count(v, inv), invalid: count(inv, -1) } : { valid: count(v, -1), invalid: count(inv, v) };
}

const ids = Object.keys(rules).sort();

describe('rule documentation', () => {
  it('the registry is not empty', () => {
    expect(ids.length).toBeGreaterThan(0);
  });

  for (const id of ids) {
    it(`${id} has a complete doc page`, () => {
      const file = join(DOCS_DIR, `${id}.md`);
      expect(existsSync(file), `docs/rules/${id}.md is missing`).toBe(true);
      expect(docProblems(id, readFileSync(file, 'utf8')), `docs/rules/${id}.md`).toEqual([]);
    });

    it(`${id} links its doc page`, () => {
      expect(rules[id]!.meta.docs).toBe(`https://github.com/iamlint/iamlint/blob/main/docs/rules/${id}.md`);
    });

    it(`${id} has a test file with at least ${MIN_CASES} valid and ${MIN_CASES} invalid cases`, () => {
      const file = join(TESTS_DIR, `${id}.test.ts`);
      expect(existsSync(file), `test/rules/${id}.test.ts is missing`).toBe(true);
      const counts = countCases(readFileSync(file, 'utf8'));
      expect(counts.valid, `valid cases in test/rules/${id}.test.ts`).toBeGreaterThanOrEqual(MIN_CASES);
      expect(counts.invalid, `invalid cases in test/rules/${id}.test.ts`).toBeGreaterThanOrEqual(MIN_CASES);
    });
  }

  it('every doc page belongs to a registered rule', () => {
    const pages = existsSync(DOCS_DIR) ? readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md')) : [];
    const orphans = pages.map((f) => f.slice(0, -3)).filter((id) => !Object.hasOwn(rules, id));
    expect(orphans, 'pages in docs/rules without a rule in rules/index.ts').toEqual([]);
  });
});

describe('the checks themselves', () => {
  const page = (sections: string[]) =>
    `# my-rule\n\nIntro.\n\n${sections.map((s) => `## ${s}\n\n${YAML_SECTIONS.has(s) ? '```yaml\nprovider:\n  name: aws\n```' : 'Text.'}\n`).join('\n')}`;

  it('accepts a complete page', () => {
    expect(docProblems('my-rule', page([...REQUIRED_SECTIONS]))).toEqual([]);
  });

  it('reports a missing section, a missing example and a wrong title', () => {
    expect(docProblems('my-rule', page(['What it reports', 'Why it matters', 'Bad', 'Options', 'When not to use it']))).toEqual([
      'missing section "## Good"',
    ]);
    const noYaml = page([...REQUIRED_SECTIONS]).replace('```yaml\nprovider:\n  name: aws\n```', 'nothing');
    expect(docProblems('my-rule', noYaml)).toEqual(['section "## Bad" has no ```yaml example']);
    expect(docProblems('other-rule', page([...REQUIRED_SECTIONS]))[0]).toMatch(/title must be "# other-rule"/);
  });

  it('ignores headings inside code fences', () => {
    const text = `# my-rule\n\n## What it reports\n\n\`\`\`yaml\n## Why it matters\n\`\`\`\n`;
    expect(docProblems('my-rule', text)).toContain('missing section "## Why it matters"');
  });

  it('counts cases in either order', () => {
    const t = (first: string, second: string) =>
      `ruleTester(rule).run({\n  ${first}: [\n    { yaml: \`a\` },\n    { name: 'x', yaml: svc() },\n  ],\n  ${second}: [\n    { yaml, errors: [] },\n  ],\n});`;
    expect(countCases(t('valid', 'invalid'))).toEqual({ valid: 2, invalid: 1 });
    expect(countCases(t('invalid', 'valid'))).toEqual({ valid: 1, invalid: 2 });
  });
});
