import { it } from 'vitest';
import { serviceFromPlain } from '/work/main/test/synthesize/helpers.js';
import { normalizeService } from '/work/main/src/synthesize/normalize.js';
import { createSim } from '/work/main/src/synthesize/context.js';
import { mergeIamTemplates } from '/work/main/src/synthesize/shared-role.js';
import { compileFunctions } from '/work/main/src/synthesize/function-grants.js';
import { compileEvents } from '/work/main/src/synthesize/event-grants.js';
import { createRolesPerFunction } from '/work/main/src/synthesize/dedicated-roles.js';
import { finalizeTemplate } from '/work/main/src/synthesize/resources.js';
import { buildRoles, buildFunctions } from '/work/main/src/synthesize/build-model.js';
it('prof', () => {
  const fn = { handler: 'h.h' };
  const functions: Record<string, unknown> = {};
  for (let i = 0; i < 5000; i++) {
    functions[`fn${i}`] = { ...fn, kmsKeyArn: `arn:aws:kms:us-east-1:1:key/${i % 7}`, tracing: i % 2 ? 'Active' : undefined, onError: `arn:aws:sns:us-east-1:1:t${i}`,
      events: [{ sqs: `arn:aws:sqs:us-east-1:1:q${i}` }, { stream: `arn:aws:dynamodb:us-east-1:1:table/T${i}/stream/1` }],
      ...(i % 10 === 0 ? { iamRoleStatements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } : {}) };
  }
  let t = Date.now();
  const lap = (s: string) => { console.log(s, Date.now() - t); t = Date.now(); };
  const rs = serviceFromPlain({ service: 'svc', provider: { name: 'aws', tracing: { lambda: true } }, functions }); lap('plain');
  const n = normalizeService(rs); lap('normalize');
  const sim = createSim(n); lap('sim');
  mergeIamTemplates(sim); lap('merge');
  compileFunctions(sim); lap('functions');
  compileEvents(sim); lap('events');
  createRolesPerFunction(sim); lap('dedicated');
  const f = finalizeTemplate(sim); lap('finalize');
  const roles = buildRoles(sim, f); lap('roles');
  buildFunctions(sim, f, roles); lap('fns');
});
