import { describe, expect, it } from 'vitest';
import type { GrantCause, Provenance } from '../../src/synthesize/model.js';
import { obj } from '../../src/synthesize/plain.js';
import { cloneRole, newGenRole, roleSkeleton, statements, unionManagedPolicy, unionStatement } from '../../src/synthesize/role-build.js';

const cause = (fn: string): GrantCause => ({ function: fn, setting: ['functions', fn, 'tracing'] });
const auto = (fn: string): Provenance => ({ kind: 'auto', grant: 'xray', causes: [cause(fn)] });
const xray = () => obj({ Effect: 'Allow', Action: ['xray:PutTraceSegments'], Resource: ['*'] });

describe('merging the causes of de-duplicated grants', () => {
  it('collects every cause in order, whatever the number of merges', () => {
    const role = newGenRole('R', 'shared', roleSkeleton(), []);
    const provs: Provenance[] = [];
    for (let i = 0; i < 50; i++) {
      const p = auto(`f${i}`);
      provs.push(p);
      unionStatement(role, xray(), p);
    }
    expect(statements(role).filter((s) => JSON.stringify(s) === JSON.stringify(xray()))).toHaveLength(1);
    const merged = role.stmtProv[role.stmtProv.length - 1]!;
    expect(merged).toEqual({ kind: 'auto', grant: 'xray', causes: provs.map((p) => (p as { causes: GrantCause[] }).causes[0]) });
    // The provenances given were not changed.
    provs.forEach((p, i) => expect(p).toEqual(auto(`f${i}`)));
  });

  it('a clone keeps the causes it was made with, and the original keeps growing its own', () => {
    const arn = 'arn:aws:iam::aws:policy/Durable';
    const role = newGenRole('R', 'shared', roleSkeleton(), []);
    unionManagedPolicy(role, arn, auto('a'));
    unionManagedPolicy(role, arn, auto('b'));
    const clone = cloneRole(role, 'C', 'dedicated', []);
    unionManagedPolicy(role, arn, auto('c'));
    unionManagedPolicy(clone, arn, auto('d'));
    expect((role.mpProv[0] as { causes: GrantCause[] }).causes.map((c) => c.function)).toEqual(['a', 'b', 'c']);
    expect((clone.mpProv[0] as { causes: GrantCause[] }).causes.map((c) => c.function)).toEqual(['a', 'b', 'd']);
  });
});

describe('obj', () => {
  it('leaves out undefined entries and keeps the order of the others', () => {
    const o = obj({ A: 1, B: undefined, C: 'x' });
    expect(Object.keys(o)).toEqual(['A', 'C']);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(obj({ A: 1, C: 'x' })).toEqual({ A: 1, C: 'x' });
  });
});
