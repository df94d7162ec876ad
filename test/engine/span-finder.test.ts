import { describe, expect, it } from 'vitest';
import { spanAt, spanFinder } from '../../src/engine/locate.js';
import type { Path } from '../../src/load/node.js';
import { parseTree } from './fixtures.js';

/** A `functions` mapping big enough to be indexed, with a duplicate key (the last one wins). */
function bigService(): string {
  const lines = ['service: svc', 'provider:', '  name: aws', 'functions:'];
  for (let i = 0; i < 40; i++) lines.push(`  f${i}:`, `    handler: h${i}.main`, '    events:', `      - sqs: arn:aws:sqs:us-east-1:1:q${i}`);
  lines.push('  f7:', '    handler: again.main');
  return `${lines.join('\n')}\n`;
}

describe('spanFinder', () => {
  const { tree } = parseTree(bigService());
  const paths: Path[] = [
    [],
    ['functions'],
    ['functions', 'f0'],
    ['functions', 'f39', 'events', 0, 'sqs'],
    ['functions', 'f7'],
    ['functions', 'f7', 'handler'],
    ['functions', 'f7', 'events', 0],
    ['functions', 'missing', 'handler'],
    ['functions', 'f3', 'events', 5],
    ['provider', 'name'],
  ];

  it('finds what spanAt finds, for every kind of path (indexed mappings included)', () => {
    const find = spanFinder(tree, '/proj/svc/serverless.yml');
    for (const path of paths) expect(find(path)).toEqual(spanAt(tree, path, '/proj/svc/serverless.yml'));
    // Asked again (memoized): still the same answers.
    for (const path of paths) expect(find([...path])).toEqual(spanAt(tree, path, '/proj/svc/serverless.yml'));
  });

  it('without a tree: the first line of the fallback file', () => {
    expect(spanFinder(undefined, '/x.yml')(['functions'])).toEqual(spanAt(undefined, ['functions'], '/x.yml'));
  });
});
