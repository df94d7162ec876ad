import { describe, expect, it } from 'vitest';
import { interpolate, runRules } from '../../src/engine/runner.js';
import type { EnabledRule, Rule } from '../../src/engine/types.js';
import { fakeRule, perFunctionModel, PROJECT_ROOT, role, SHARED_YAML, sharedModel } from './fixtures.js';

const on = (rule: Rule, options?: object, severity: EnabledRule['severity'] = 'error'): EnabledRule => ({ rule, severity, options });

describe('runRules: the walk', () => {
  it('calls create once and every listener once per item, in one walk', () => {
    const model = sharedModel();
    const calls: string[] = [];
    let creates = 0;
    const rec = (tag: string) =>
      fakeRule(tag, () => {
        creates++;
        return {
          service: () => calls.push(`${tag}:service`),
          role: (r) => calls.push(`${tag}:role:${r.logicalId}`),
          statement: (s, r) => calls.push(`${tag}:statement:${r.logicalId}:${s.statementIndex}`),
          managedPolicy: (p, r) => calls.push(`${tag}:managedPolicy:${r.logicalId}:${String(p.arn)}`),
          function: (f, r) => calls.push(`${tag}:function:${f.key}:${r?.logicalId}`),
          'service:exit': () => calls.push(`${tag}:exit`),
        };
      });
    runRules(model, [on(rec('a')), on(rec('b'))]);
    expect(creates).toBe(2);
    const role = 'IamRoleLambdaExecution';
    // Rules interleave per visited item: the model is walked once, not once per rule.
    expect(calls).toEqual([
      'a:service', 'b:service',
      `a:role:${role}`, `b:role:${role}`,
      `a:statement:${role}:0`, `b:statement:${role}:0`,
      `a:statement:${role}:1`, `b:statement:${role}:1`,
      `a:statement:${role}:2`, `b:statement:${role}:2`,
      `a:managedPolicy:${role}:arn:aws:iam::aws:policy/ReadOnlyAccess`, `b:managedPolicy:${role}:arn:aws:iam::aws:policy/ReadOnlyAccess`,
      `a:function:worker:${role}`, `b:function:worker:${role}`,
      `a:function:api:${role}`, `b:function:api:${role}`,
      'a:exit', 'b:exit',
    ]);
  });

  it('skips rules that are off', () => {
    let created = false;
    const r = fakeRule('x', () => {
      created = true;
      return {};
    });
    expect(runRules(sharedModel(), [on(r, undefined, 'off')])).toEqual([]);
    expect(created).toBe(false);
  });
});

describe('runRules: reports', () => {
  it('fills {{placeholders}} from data, leaving unknown ones as written', () => {
    const r = fakeRule(
      'p',
      (ctx) => ({
        service: (s) => ctx.report({ messageId: 'm', data: { name: 'bucket', count: 3 }, at: s }),
      }),
      { m: 'found {{ name }} {{count}} times, {{missing}}' },
    );
    const [f] = runRules(sharedModel(), [on(r)]);
    expect(f!.message).toBe('found bucket 3 times, {{missing}}');
    expect(f!.messageId).toBe('m');
    expect(f!.severity).toBe('error');
    expect(interpolate('{{a}}{{a}}', { a: 1 })).toBe('11');
  });

  it('maps warn to warning', () => {
    const r = fakeRule('w', (ctx) => ({ service: (s) => ctx.report({ messageId: 'found', data: { what: 'x' }, at: s }) }));
    expect(runRules(sharedModel(), [on(r, undefined, 'warn')])[0]!.severity).toBe('warning');
  });

  it('a report can lower its severity, never raise it', () => {
    const r = fakeRule('cap', (ctx) => ({
      service: (s) => {
        ctx.report({ messageId: 'found', data: { what: 'near' }, at: s, severity: 'warn' });
        ctx.report({ messageId: 'found', data: { what: 'over' }, at: s, severity: 'error' });
      },
    }));
    const sev = (entrySeverity: 'warn' | 'error') =>
      runRules(sharedModel(), [on(r, undefined, entrySeverity)]).map((f) => `${f.message}:${f.severity}`);
    expect(sev('error')).toEqual(['found near:warning', 'found over:error']);
    expect(sev('warn')).toEqual(['found near:warning', 'found over:warning']);
  });

  it('defaults functions to the role of the listener; explicit functions and function targets win', () => {
    const r = fakeRule('f', (ctx) => ({
      statement: (s) => {
        if (s.statementIndex === 0) ctx.report({ messageId: 'found', data: { what: 'role' }, at: s });
        if (s.statementIndex === 1) ctx.report({ messageId: 'found', data: { what: 'explicit' }, at: s, functions: ['worker'] });
      },
      function: (fn) => ctx.report({ messageId: 'found', data: { what: `fn ${fn.key}` }, at: fn }),
    }));
    const findings = runRules(sharedModel(), [on(r)]);
    const by = (what: string) => findings.find((f) => f.message === `found ${what}`)!;
    expect(by('role').functions).toEqual(['api', 'worker']);
    expect(by('explicit').functions).toEqual(['worker']);
    expect(by('fn api').functions).toEqual(['api']);
    expect(by('fn worker').functions).toEqual(['worker']);
  });

  it('finds the role of a statement reported from service:exit', () => {
    const r = fakeRule('e', (ctx) => ({
      'service:exit': (s) => ctx.report({ messageId: 'found', data: { what: 'x' }, at: s.roles[0]!.statements[1]! }),
    }));
    const [f] = runRules(sharedModel(), [on(r)]);
    expect(f!.functions).toEqual(['api', 'worker']);
    expect(f!.path).toBe('provider.iam.role.statements[1]');
  });

  it('a statement several roles share: reported during a role, that role; from service:exit, the first', () => {
    const base = sharedModel();
    const shared = base.roles[0]!.statements[0]!;
    const a = role('A', { functions: ['api'], statements: [shared] });
    const b = role('B', { functions: ['worker'], statements: [shared] });
    const m = { ...base, roles: [a, b], functions: [] };
    const during = fakeRule('d', (ctx) => ({
      role: (r) => ctx.report({ messageId: 'found', data: { what: r.logicalId }, at: shared }),
    }));
    const after = fakeRule('x', (ctx) => ({
      'service:exit': () => ctx.report({ messageId: 'found', data: { what: 'exit' }, at: shared }),
    }));
    const findings = runRules(m, [on(during), on(after)]);
    expect(findings.find((f) => f.message === 'found A')!.functions).toEqual(['api']);
    expect(findings.find((f) => f.message === 'found B')!.functions).toEqual(['worker']);
    expect(findings.find((f) => f.message === 'found exit')!.functions).toEqual(['api']);
  });

  it('sorts by file, line, column, rule', () => {
    const r = (id: string) =>
      fakeRule(id, (ctx) => ({
        statement: (s) => ctx.report({ messageId: 'found', data: { what: id }, at: s }),
      }));
    const findings = runRules(sharedModel(), [on(r('zz')), on(r('aa'))]);
    const keys = findings.map((f) => `${f.line}:${f.ruleId}`);
    expect(keys).toEqual(['7:aa', '7:zz', '12:aa', '12:zz', '19:aa', '19:zz']);
  });
});

describe('runRules: options', () => {
  const schema = {
    type: 'object',
    properties: { max: { type: 'integer', default: 10 }, names: { type: 'array', items: { type: 'string' }, default: [] } },
    additionalProperties: false,
  };
  it('merges user options over schema defaults', () => {
    const seen: unknown[] = [];
    const r = fakeRule('o', (ctx) => {
      seen.push(ctx.options);
      return {};
    }, { found: 'x' }, schema);
    runRules(sharedModel(), [on(r), on(r, { max: 3 })]);
    expect(seen).toEqual([{ max: 10, names: [] }, { max: 3, names: [] }]);
  });

  it('turns invalid options into an internal error naming the rule', () => {
    const r = fakeRule('o', () => ({}), { found: 'x' }, schema);
    const findings = runRules(sharedModel(), [on(r, { max: 'many' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('internal-error');
    expect(findings[0]!.message).toContain('"o"');
    expect(findings[0]!.message).toContain('max');
  });

  it('refuses options for a rule without a schema', () => {
    const r = fakeRule('n', () => ({}));
    expect(runRules(sharedModel(), [on(r, { a: 1 })])[0]!.ruleId).toBe('internal-error');
    expect(runRules(sharedModel(), [on(r, {})])).toEqual([]);
  });
});

describe('runRules: internal errors', () => {
  const good = fakeRule('good', (ctx) => ({
    'service:exit': (s) => ctx.report({ messageId: 'found', data: { what: 'ok' }, at: s }),
  }));

  it('a rule that throws becomes one internal-error finding; other rules go on', () => {
    let later = 0;
    const bad = fakeRule('bad', (ctx) => ({
      service: (s) => ctx.report({ messageId: 'found', data: { what: 'before the crash' }, at: s }),
      statement: () => {
        throw new Error('boom');
      },
      function: () => {
        later++;
      },
    }));
    const findings = runRules(sharedModel(), [on(bad), on(good)]);
    expect(later).toBe(0);
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['good', 'internal-error']);
    const ie = findings.find((f) => f.ruleId === 'internal-error')!;
    expect(ie).toMatchObject({ severity: 'error', line: 1, column: 1, file: '/proj/svc/serverless.yml' });
    expect(ie.message).toBe('Rule "bad" failed: boom');
    expect(ie.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a throwing create is an internal error too', () => {
    const bad = fakeRule('bad', () => {
      throw new TypeError('no');
    });
    const findings = runRules(sharedModel(), [on(bad), on(good)]);
    expect(findings.find((f) => f.ruleId === 'internal-error')!.message).toContain('"bad"');
    expect(findings.some((f) => f.ruleId === 'good')).toBe(true);
  });

  it('an unknown messageId throws inside the rule', () => {
    const bad = fakeRule('bad', (ctx) => ({ service: (s) => ctx.report({ messageId: 'nope', at: s }) }));
    const [f] = runRules(sharedModel(), [on(bad)]);
    expect(f!.ruleId).toBe('internal-error');
    expect(f!.message).toContain('unknown messageId "nope"');
  });
});

describe('runRules: collapsing and fingerprints', () => {
  const perStatement = fakeRule('every-statement', (ctx) => ({
    statement: (s) => ctx.report({ messageId: 'found', data: { what: 'it' }, at: s }),
  }));

  it('reports an inherited statement once with the union of functions', () => {
    const findings = runRules(perFunctionModel(), [on(perStatement)]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ path: 'provider.iam.role.statements[0]', line: 7, functions: ['api', 'worker'] });
    expect(findings[0]!.related.filter((r) => r.kind === 'inherited')).toEqual([
      expect.objectContaining({ message: 'inherited from provider.iam.role.statements[0]', line: 7 }),
    ]);
    expect(findings[0]!.fingerprint).not.toBe(findings[1]!.fingerprint);
  });

  it('a collapsed finding keeps its fingerprint when another function inherits the statement', () => {
    const two = perFunctionModel();
    const three = perFunctionModel();
    const extra = structuredClone(three.roles[1]!);
    extra.logicalId = 'JobIamRoleLambdaExecution';
    extra.functions = ['job'];
    extra.statements.forEach((st) => ((st.provenance as { function: string }).function = 'job'));
    three.roles.push(extra);
    const a = runRules(two, [on(perStatement)]);
    const b = runRules(three, [on(perStatement)]);
    expect(b[0]!.functions).toEqual(['api', 'job', 'worker']);
    expect(b.map((f) => f.fingerprint)).toEqual(a.map((f) => f.fingerprint));
  });

  it('does not collapse reports whose messages differ', () => {
    const byRole = fakeRule('by-role', (ctx) => ({
      statement: (s, role) => {
        if (s.statementIndex === 0) ctx.report({ messageId: 'found', data: { what: role.logicalId }, at: s });
      },
    }));
    const findings = runRules(perFunctionModel(), [on(byRole)]);
    expect(findings.map((f) => f.functions)).toEqual([['api'], ['worker']]);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('keeps fingerprints when lines move, and changes lines', () => {
    const rules = [on(perStatement)];
    const before = runRules(sharedModel(), rules, { projectRoot: PROJECT_ROOT });
    const moved = SHARED_YAML.replace('provider:\n', '\n\n# a comment\nprovider:\n').replace('functions:\n', '\n\nfunctions:\n');
    const after = runRules(sharedModel(moved), rules, { projectRoot: PROJECT_ROOT });
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(after.map((f) => f.line)).not.toEqual(before.map((f) => f.line));
    expect(new Set(before.map((f) => f.fingerprint)).size).toBe(before.length);
  });

  it('fingerprints depend on the service file relative to the project root, the rule and the path', () => {
    const a = runRules(sharedModel(), [on(perStatement)], { projectRoot: PROJECT_ROOT });
    const b = runRules(sharedModel(), [on(perStatement)], { projectRoot: '/proj/svc' });
    expect(a[0]!.fingerprint).not.toBe(b[0]!.fingerprint);
    const c = runRules(sharedModel(), [on(perStatement)], { projectRoot: PROJECT_ROOT });
    expect(c.map((f) => f.fingerprint)).toEqual(a.map((f) => f.fingerprint));
  });
});

describe('runRules: per-function severity (overrides)', () => {
  const perStatement = fakeRule('s', (ctx) => ({
    statement: (s) => ctx.report({ messageId: 'found', data: { what: 'x' }, at: s }),
  }));

  it('drops functions whose severity is off and grades by the most severe of the rest', () => {
    const entry: EnabledRule = {
      rule: perStatement,
      severity: 'error',
      severityFor: (fn) => (fn === 'api' ? 'off' : 'warn'),
    };
    const findings = runRules(sharedModel(), [entry]);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings.every((f) => JSON.stringify(f.functions) === '["worker"]')).toBe(true);
  });

  it('drops findings whose functions are all off', () => {
    const entry: EnabledRule = { rule: perStatement, severity: 'error', severityFor: () => 'off' };
    expect(runRules(sharedModel(), [entry])).toEqual([]);
  });

  it('findings without functions keep the entry severity; off drops them', () => {
    const svc = fakeRule('svc', (ctx) => ({ service: (s) => ctx.report({ messageId: 'found', data: { what: 'x' }, at: s }) }));
    expect(runRules(sharedModel(), [{ rule: svc, severity: 'warn', severityFor: () => 'off' }])[0]!.severity).toBe('warning');
    expect(runRules(sharedModel(), [{ rule: svc, severity: 'off', severityFor: () => 'error' }])).toEqual([]);
  });
});

describe('runRules: one finding shared by thousands of roles', () => {
  /** perFunction mode with `n` dedicated roles that all inherit provider statement 0. */
  function manyRoles(n: number) {
    const base = perFunctionModel();
    const template = base.roles[0]!;
    const roles = Array.from({ length: n }, (_, i) => {
      const key = `fn${String(i).padStart(5, '0')}`;
      return {
        ...template,
        logicalId: `Fn${i}IamRoleLambdaExecution`,
        functions: [key],
        dedicatedTo: key,
        statements: [{ ...template.statements[0]!, provenance: { kind: 'inherited' as const, function: key, path: ['provider', 'iam', 'role', 'statements', 0] } }],
      };
    });
    return { ...base, roles, functions: [] };
  }
  const perStatement = fakeRule('every-statement', (ctx) => ({
    statement: (s) => ctx.report({ messageId: 'found', data: { what: 'it' }, at: s, related: [{ message: 'see', at: { path: ['provider'] } }] }),
  }));

  it('collapses 20,000 reports of one statement in linear time, functions sorted once', () => {
    const m = manyRoles(20_000);
    const start = performance.now();
    const findings = runRules(m, [on(perStatement)]);
    const elapsed = performance.now() - start;
    expect(findings).toHaveLength(1);
    expect(findings[0]!.functions).toHaveLength(20_000);
    expect(findings[0]!.functions.slice(0, 3)).toEqual(['fn00000', 'fn00001', 'fn00002']);
    expect(findings[0]!.related.map((r) => r.kind)).toEqual(['note', 'inherited']);
    // Quadratic merging took tens of seconds here; linear work is well under a second even on a busy machine.
    expect(elapsed).toBeLessThan(5_000);
  });

  it('locates one target once, however many roles report it', () => {
    const m = manyRoles(3_000);
    let reads = 0;
    // Count every lookup in the root mapping: each locate of an uncached path starts there.
    m.tree = new Proxy(m.tree, {
      get(target, key, receiver) {
        if (key === 'entries') reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const findings = runRules(m, [on(perStatement)]);
    expect(findings[0]!.functions).toHaveLength(3_000);
    expect(reads).toBeLessThan(20);
  });
});
