/**
 * A stage or region iamlint cannot resolve offline (`${opt:stage}` without `--stage`,
 * `${env:REGION}` without REGION) stays an `Unknown` everywhere the Framework concatenates it:
 * function names, role and policy names, log group names, and the ARNs built with `Fn::Sub`
 * (where its text would read as a substitution variable).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown as isUnknownPattern } from '../../src/iam/arn-checks.js';
import { evaluateArn } from '../../src/iam/arn.js';
import { Unknown, type Plain } from '../../src/load/node.js';
import { readParsedFile } from '../../src/load/read.js';
import { resolveService } from '../../src/resolve/index.js';
import { generatedRoleName, providerRoleName } from '../../src/synthesize/naming.js';
import { synthesize, type ServiceModel } from '../../src/synthesize/index.js';
import { json, serviceFromPlain } from './helpers.js';

const TRPC = `service: trpc-api
provider:
  name: aws
  stage: \${opt:stage}
  region: \${env:REGION}
functions:
  app:
    handler: h.h
`;

/** Resolve and synthesize YAML with no --stage, no --region and an empty environment. */
function synthOffline(yaml: string): ServiceModel {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-unknown-stage-'));
  const file = join(dir, 'serverless.yml');
  writeFileSync(file, yaml);
  const parsed = readParsedFile(file);
  return synthesize(resolveService({ ...parsed, root: parsed.root! }, { env: {} }));
}

const stageU = new Unknown('${opt:stage}', 'option --stage is not given');
const regionU = new Unknown('${env:REGION}', 'environment variable REGION is not set');
const fn = { handler: 'h.h' };

/** Every `Fn::Sub` template in a value. */
function subTemplates(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => subTemplates(x, out));
  else if (v && typeof v === 'object' && !(v instanceof Unknown)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'Fn::Sub') out.push(typeof x === 'string' ? x : JSON.stringify(x));
      subTemplates(x, out);
    }
  }
  return out;
}

const joinParts = (v: Plain | undefined): Plain[] => ((v as { 'Fn::Join': [string, Plain[]] })['Fn::Join'][1]);
const logResources = (model: ServiceModel, roleIndex = 0): Plain[] =>
  model.roles[roleIndex]!.statements.filter((s) => s.provenance.kind === 'auto' && s.provenance.grant === 'logs').flatMap((s) => s.document.Resource as Plain[]);

describe('unknown stage and region', () => {
  it('the model carries them as Unknown values, never as their text', () => {
    const model = synthOffline(TRPC);
    expect(model.failure).toBeUndefined();
    expect(model.stage).toBeInstanceOf(Unknown);
    expect(model.region).toBeInstanceOf(Unknown);
    expect(String(model.stage)).toBe('${opt:stage}');
    expect(model.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['unknown-stage', 'unknown-region']));
  });

  it('the default function name is an Unknown with the known text around the stage', () => {
    const model = synthOffline(TRPC);
    const name = model.functions[0]!.name as Unknown;
    expect(name).toBeInstanceOf(Unknown);
    expect(name.text).toBe('trpc-api-${opt:stage}-app');
    expect(name.parts).toEqual(['trpc-api-', { text: '${opt:stage}', reason: 'option --stage is not given' }, '-app']);
  });

  it('role and policy names keep the stage as an Unknown part of their Fn::Join', () => {
    const model = synthOffline(TRPC);
    const role = model.roles[0]!;
    const roleName = joinParts(role.properties.RoleName);
    expect(roleName[0]).toBe('trpc-api');
    expect(roleName[1]).toBeInstanceOf(Unknown);
    expect(roleName.slice(2)).toEqual([{ Ref: 'AWS::Region' }, 'lambdaRole']);
    const policyName = joinParts(((role.properties.Policies as Plain[])[0] as { PolicyName: Plain }).PolicyName);
    expect(policyName[1]).toBeInstanceOf(Unknown);
    expect(json(policyName)).toEqual(['trpc-api', '${opt:stage}', 'lambda']);
  });

  it('log group ARNs are Unknowns with parts: no Fn::Sub holds the stage text, ARN evaluation sees an opaque piece', () => {
    const model = synthOffline(TRPC);
    expect(subTemplates(model.roles.map((r) => r.properties)).filter((t) => t.includes('opt:stage'))).toEqual([]);
    const resources = logResources(model);
    expect(resources).toHaveLength(2);
    for (const r of resources) {
      expect(r).toBeInstanceOf(Unknown);
      const u = r as Unknown;
      expect(u.reason).toBe('option --stage is not given');
      // Known text never contains a `${…}`: pseudo parameters and the stage are unknown pieces.
      for (const p of u.parts!) if (typeof p === 'string') expect(p).not.toContain('${');
      expect(u.parts).toContainEqual({ text: '${opt:stage}', reason: 'option --stage is not given' });
      const pattern = evaluateArn(r);
      expect(isUnknownPattern(pattern)).toBe(true);
      expect(pattern.parts).toContainEqual(expect.objectContaining({ kind: 'opaque', origin: 'unknown', label: '${opt:stage}' }));
    }
    expect(json(resources[0])).toBe('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/trpc-api-${opt:stage}*:*');
  });

  it('a known stage with an unknown region keeps the Fn::Sub form (only the region Ref is unknown)', () => {
    const model = synthesize({ ...serviceFromPlain({ service: 'svc', provider: { name: 'aws' }, functions: { a: fn } }), region: regionU });
    expect(model.region).toBe(regionU);
    expect(logResources(model)[0]).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/svc-dev*:*' });
  });

  it('dedicated roles (perFunction): unknown stage in the generated name, log ARN unknown, no failure and no per-function note', () => {
    const model = synthOffline(TRPC.replace('functions:', '  iam:\n    role:\n      mode: perFunction\nfunctions:'));
    expect(model.failure).toBeUndefined();
    const role = model.roles.find((r) => r.kind === 'dedicated');
    expect(role).toBeDefined();
    const parts = joinParts(role!.properties.RoleName);
    expect(parts[0]).toBe('trpc-api');
    expect(parts[1]).toBeInstanceOf(Unknown);
    expect(parts.slice(2)).toEqual(['app', { Ref: 'AWS::Region' }, 'lambdaRole']);
    const [logs] = logResources(model, model.roles.indexOf(role!));
    expect(logs).toBeInstanceOf(Unknown);
    expect(model.diagnostics.map((d) => d.code)).not.toContain('role-name-length-unknown');
  });

  it('an unknown region does not fail the CloudFront us-east-1 check (it cannot be known)', () => {
    const service = {
      ...serviceFromPlain({
        service: 'svc',
        provider: { name: 'aws' },
        functions: { edge: { ...fn, events: [{ cloudFront: { eventType: 'viewer-request', origin: 's3://b.s3.amazonaws.com/' } }] } },
      }),
      region: regionU,
    };
    expect(synthesize(service).failure).toBeUndefined();
    expect(synthesize({ ...service, region: 'eu-west-1' }).failure?.code).toBe('CLOUDFRONT_INVALID_REGION');
  });
});

describe('§7 the 64-character rule with unknown parts: only the known parts decide', () => {
  const name = (service: Plain, stage: string | Unknown = stageU) => providerRoleName(undefined, service, stage);

  it('known parts fit: kept whole, lambdaRole not dropped however long the variable text is', () => {
    // Known: 33 + "-" + "-" + "app" + "-" + "-" + "lambdaRole" = 50; with the source texts it would be 75.
    const r = generatedRoleName(name('customer-notification-preferences'), 'app', regionU);
    expect(r).toMatchObject({ ok: true, droppedLambdaRole: false, uncertain: true });
    expect(joinParts((r as { name: Plain }).name).at(-1)).toBe('lambdaRole');
  });

  it('known parts over 64 with lambdaRole: dropped; still over 64 without it: fails', () => {
    const svc52 = 'customer-notification-preferences-service-enterprise';
    // 52 + 4 dashes + 3 ("app") + 10 = 69 > 64 → drop → 52 + 3 dashes + 3 = 58.
    expect(generatedRoleName(name(svc52), 'app', regionU)).toMatchObject({ ok: true, droppedLambdaRole: true, uncertain: true });
    // A 60-character key: 52 + 3 + 60 = 115 even without lambdaRole.
    expect(generatedRoleName(name(svc52), 'x'.repeat(60), regionU)).toEqual({ ok: false, reason: 'too-long' });
  });

  it('an unknown stage with known parts counts those parts', () => {
    const stage = new Unknown('pr-${env:PR}', 'environment variable PR is not set', ['pr-', { text: '${env:PR}', reason: 'environment variable PR is not set' }]);
    // 38 + "pr-" + "fn" + 9 ("us-east-1") + "lambdaRole" + 4 dashes = 66 > 64 (63 if "pr-" were not counted) → dropped.
    const r = generatedRoleName(name('a'.repeat(38), stage), 'fn', 'us-east-1');
    expect(r).toMatchObject({ ok: true, droppedLambdaRole: true, uncertain: true });
  });

  it('all known: unchanged (exact lengths, not uncertain)', () => {
    expect(generatedRoleName(name('svc', 'dev'), 'app', 'us-east-1')).toMatchObject({ ok: true, droppedLambdaRole: false, uncertain: false });
  });
});
