import { describe, expect, it } from 'vitest';
import { ANY_RUN, FIELD_RUN, NAME_RUN, globCovers, globsOverlap, unitsOfLiteral, unitsOfWildcard, type GlobUnit } from '../../src/iam/glob.js';

const opaque = (key: string, colonFree = false): GlobUnit => ({ kind: 'opaque', key, cls: colonFree ? 'no-colon' : 'any' });
const seq = (...pieces: Array<string | GlobUnit>): GlobUnit[] => pieces.flatMap((piece) => (typeof piece === 'string' ? unitsOfWildcard(piece) : [piece]));

describe('opaque units (values iamlint cannot see)', () => {
  it('cover nothing but themselves', () => {
    expect(globCovers([opaque('ssm:/x')], unitsOfWildcard('*'))).toBe(false);
    expect(globCovers([opaque('ssm:/x')], unitsOfLiteral('bucket'))).toBe(false);
    expect(globCovers([opaque('ssm:/x')], [opaque('ssm:/x')])).toBe(true);
    expect(globCovers([opaque('ssm:/x')], [opaque('ssm:/y')])).toBe(false);
  });

  it('are covered by a star, and by a field star only when they hold no colon', () => {
    expect(globCovers(seq('arn:aws:s3:::*'), seq('arn:aws:s3:::', opaque('b')))).toBe(true);
    expect(globCovers([FIELD_RUN], [opaque('region', true)])).toBe(true);
    expect(globCovers([FIELD_RUN], [opaque('value')])).toBe(false);
  });

  it('may overlap anything of their class', () => {
    expect(globsOverlap([opaque('x')], unitsOfLiteral('arn:aws:s3:::b'))).toBe(true);
    expect(globsOverlap([opaque('x')], unitsOfLiteral(''))).toBe(true);
    expect(globsOverlap([opaque('region', true)], unitsOfLiteral('us-east-1'))).toBe(true);
    expect(globsOverlap([opaque('region', true)], unitsOfLiteral('a:b'))).toBe(false);
  });
});

describe('field runs (a concrete ARN field has no colon)', () => {
  it('do not slide across fields', () => {
    const dynamoTable = seq('arn:', FIELD_RUN, ':dynamodb:', FIELD_RUN, ':', FIELD_RUN, ':table/', ANY_RUN);
    // With `*` free to cross colons, `arn:*:sqs:*` could match `arn:x:dynamodb:…:sqs:…`; field runs prevent that.
    expect(globsOverlap(seq('arn:', opaque('p', true), ':sqs:', opaque('r', true), ':', opaque('a', true), ':', opaque('n', true)), dynamoTable)).toBe(false);
    expect(globsOverlap(seq('arn:aws:sqs:*:*:*'), dynamoTable)).toBe(false);
    expect(globsOverlap(seq('arn:aws:dynamodb:*:*:table/Orders'), dynamoTable)).toBe(true);
    expect(globsOverlap(seq('*'), dynamoTable)).toBe(true);
  });

  it('are covered by a star but do not cover one', () => {
    expect(globCovers([ANY_RUN], [FIELD_RUN])).toBe(true);
    expect(globCovers([FIELD_RUN], [ANY_RUN])).toBe(false);
    expect(globCovers([FIELD_RUN], unitsOfLiteral('us-east-1'))).toBe(true);
    expect(globCovers([FIELD_RUN], unitsOfLiteral('a:b'))).toBe(false);
  });
});

describe('name runs (a bucket or table name has no / and no :)', () => {
  it('nest inside field runs, which nest inside stars', () => {
    expect(globCovers([FIELD_RUN], [NAME_RUN])).toBe(true);
    expect(globCovers([NAME_RUN], [FIELD_RUN])).toBe(false);
    expect(globCovers([ANY_RUN], [NAME_RUN])).toBe(true);
    expect(globCovers([NAME_RUN], unitsOfLiteral('my-bucket'))).toBe(true);
    expect(globCovers([NAME_RUN], unitsOfLiteral('my-bucket/key'))).toBe(false);
  });

  it('do not overlap a pattern that needs a slash', () => {
    expect(globsOverlap(seq('arn:aws:s3:::', NAME_RUN), seq('arn:aws:s3:::bucket/*'))).toBe(false);
    expect(globsOverlap(seq('arn:aws:s3:::', NAME_RUN), seq('arn:aws:s3:::bucket*'))).toBe(true);
  });
});

/**
 * The relations as plain textbook algorithms (full table; full product-automaton search), to
 * check the fast paths (literal ends stripped, only the reached band of each row visited).
 */
const reference = {
  covers(general: readonly GlobUnit[], specific: readonly GlobUnit[], ignoreCase: boolean): boolean {
    const excluded = { any: '', 'no-colon': ':', name: ':/' } as const;
    const contains = (outer: keyof typeof excluded, inner: keyof typeof excluded) => Array.from(excluded[outer]).every((c) => excluded[inner].includes(c));
    const accepts = (cls: keyof typeof excluded, char: string) => !excluded[cls].includes(char);
    const same = (a: string, b: string) => a === b || (ignoreCase && a.toLowerCase() === b.toLowerCase());
    const normalize = (units: readonly GlobUnit[]): GlobUnit[] => {
      const out: GlobUnit[] = [];
      for (let i = 0; i < units.length; ) {
        const unit = units[i]!;
        if (unit.kind !== 'one' && unit.kind !== 'many') {
          out.push(unit);
          i++;
          continue;
        }
        let ones = 0;
        let many = false;
        for (; i < units.length; i++) {
          const u = units[i]!;
          if ((u.kind !== 'one' && u.kind !== 'many') || u.cls !== unit.cls) break;
          if (u.kind === 'one') ones++;
          else many = true;
        }
        for (let k = 0; k < ones; k++) out.push({ kind: 'one', cls: unit.cls });
        if (many) out.push({ kind: 'many', cls: unit.cls });
      }
      return out;
    };
    const absorbsRun = (cls: keyof typeof excluded, u: GlobUnit) => (u.kind === 'char' ? accepts(cls, u.char) : contains(cls, u.cls));
    const absorbsOne = (g: GlobUnit, s: GlobUnit) => {
      if (g.kind === 'char') return s.kind === 'char' && same(g.char, s.char);
      if (g.kind === 'one') return s.kind === 'char' ? accepts(g.cls, s.char) : s.kind === 'one' && contains(g.cls, s.cls);
      return g.kind === 'opaque' && s.kind === 'opaque' && s.key === g.key;
    };
    const g = normalize(general);
    const s = normalize(specific);
    const table = Array.from({ length: g.length + 1 }, () => new Array<boolean>(s.length + 1).fill(false));
    table[g.length]![s.length] = true;
    for (let i = g.length - 1; i >= 0; i--) {
      for (let j = s.length; j >= 0; j--) {
        const unit = g[i]!;
        table[i]![j] =
          unit.kind === 'many'
            ? table[i + 1]![j]! || (j < s.length && absorbsRun(unit.cls, s[j]!) && table[i]![j + 1]!)
            : j < s.length && absorbsOne(unit, s[j]!) && table[i + 1]![j + 1]!;
      }
    }
    return table[0]![0]!;
  },
  overlap(a: readonly GlobUnit[], b: readonly GlobUnit[], ignoreCase: boolean): boolean {
    const excluded = { any: '', 'no-colon': ':', name: ':/' } as const;
    const stays = (u: GlobUnit | undefined) => u !== undefined && (u.kind === 'many' || u.kind === 'opaque');
    const meet = (x: GlobUnit, y: GlobUnit) => {
      if (x.kind === 'char' && y.kind === 'char') return x.char === y.char || (ignoreCase && x.char.toLowerCase() === y.char.toLowerCase());
      if (x.kind === 'char') return y.kind !== 'char' && !excluded[y.cls].includes(x.char);
      if (y.kind === 'char') return !excluded[x.cls].includes(y.char);
      return true;
    };
    const seen = new Set<string>();
    const stack: Array<[number, number]> = [[0, 0]];
    while (stack.length > 0) {
      const [i, j] = stack.pop()!;
      if (seen.has(`${i},${j}`)) continue;
      seen.add(`${i},${j}`);
      if (i === a.length && j === b.length) return true;
      const x = a[i];
      const y = b[j];
      if (stays(x)) stack.push([i + 1, j]);
      if (stays(y)) stack.push([i, j + 1]);
      if (x && y && meet(x, y)) stack.push([stays(x) ? i : i + 1, stays(y) ? j : j + 1]);
    }
    return false;
  },
};

describe('fast paths agree with the textbook algorithms', () => {
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const classes = ['any', 'no-colon', 'name'] as const;
  const unit = (): GlobUnit => {
    const k = random(10);
    if (k < 6) return { kind: 'char', char: 'aAb:/'[random(5)]! };
    if (k < 7) return { kind: 'one', cls: classes[random(3)]! };
    if (k < 9) return { kind: 'many', cls: classes[random(3)]! };
    return { kind: 'opaque', key: `k${random(2)}`, cls: classes[random(3)]! };
  };
  const units = (max: number) => Array.from({ length: random(max) }, unit);

  it('on random patterns, with shared literal ends and without', () => {
    for (let round = 0; round < 20000; round++) {
      let a = units(9);
      let b = units(9);
      if (random(2) === 0) {
        const prefix = units(6);
        const suffix = units(6);
        a = [...prefix, ...a, ...suffix];
        b = [...prefix, ...b, ...suffix];
      }
      for (const ignoreCase of [false, true]) {
        expect(globCovers(a, b, { ignoreCase })).toBe(reference.covers(a, b, ignoreCase));
        expect(globsOverlap(a, b, { ignoreCase })).toBe(reference.overlap(a, b, ignoreCase));
      }
    }
  });

  it('on ARN-shaped patterns', () => {
    const arn = seq('arn:aws:sqs:eu-west-1:123456789012:orders-fn00001');
    const format = seq('arn:', FIELD_RUN, ':sqs:', FIELD_RUN, ':', FIELD_RUN, ':', NAME_RUN);
    expect(globsOverlap(arn, format)).toBe(true);
    expect(globsOverlap(seq('arn:aws:sqs:eu-west-1:123456789012:a/b'), format)).toBe(false);
    expect(globCovers(seq('arn:aws:logs:', opaque('r', true), ':1:log-group:/aws/lambda/x:*'), seq('arn:aws:logs:', opaque('r', true), ':1:log-group:/aws/lambda/x:', ANY_RUN))).toBe(true);
    expect(globCovers(seq('arn:aws:logs:', opaque('r', true), ':1:log-group:/aws/lambda/x:*'), seq('arn:aws:logs:', opaque('s', true), ':1:log-group:/aws/lambda/x:', ANY_RUN))).toBe(false);
  });
});
