/**
 * `synthesize`: simulate `serverless package` (Framework v4.41) for the IAM of a resolved
 * service — in the Framework's order (semantics §1): normalize, setupProviderConfiguration
 * (shared role), compileFunctions, compileEvents, before:package:finalize (dedicated roles, or
 * the external plugin), finalize (`resources`) — and return the model.
 */
import type { Diagnostic, Plain } from '../load/node.js';
import type { ResolvedService } from '../load/types.js';
import { buildFunctions, buildResourceTypes, buildRoles, declaredResourceTypes } from './build-model.js';
import { createSim, type Sim } from './context.js';
import { createRolesPerFunction } from './dedicated-roles.js';
import { compileEvents } from './event-grants.js';
import { runExternalPlugin } from './external-plugin.js';
import { FrameworkError } from './failure.js';
import { compileFunctions } from './function-grants.js';
import type { FunctionModel, RoleChoice, ServiceModel } from './model.js';
import { lambdaLogicalId } from './naming.js';
import { listsExternalPlugin, normalizeService, type NormalizedService } from './normalize.js';
import { get, isObj } from './plain.js';
import { finalizeTemplate } from './resources.js';
import { mergeIamTemplates } from './shared-role.js';

function dedupeDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.code}\u0000${d.message}\u0000${(d.path ?? []).join('\u0001')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The functions when packaging fails: the role each was headed for, but no role value. */
function failedFunctions(n: NormalizedService | undefined, sim: Sim | undefined): FunctionModel[] {
  if (!n) return [];
  return n.functions.map((info) => {
    const compiled = sim?.compiled.get(info.key);
    let choice: RoleChoice = compiled?.choice ?? 'shared';
    if (sim) {
      if (info.fn.role) choice = 'function-role';
      else if (sim.existingProviderRole) choice = 'provider-iam-role';
      else if (sim.providerRoleKey && !sim.perFunction) choice = 'provider-role';
      else if (sim.dedicated.get(info.key)) choice = sim.perFunction ? 'dedicated-per-function' : 'dedicated-opt-in';
      else if (n.externalPlugin && info.fn.iamRoleStatements !== undefined) choice = 'dedicated-plugin';
    }
    return {
      key: info.key,
      name: info.fn.name ?? null,
      path: info.path,
      lambdaLogicalId: lambdaLogicalId(info.key),
      roleLogicalId: null,
      role: null,
      choice,
      choiceAt: compiled?.choiceAt ?? info.path,
      dangling: false,
    };
  });
}

export function synthesize(service: ResolvedService): ServiceModel {
  const config = service.config;
  const base = {
    file: service.file,
    stage: service.stage,
    region: service.region,
    config,
    tree: service.tree,
  };
  let n: NormalizedService | undefined;
  let sim: Sim | undefined;
  const providerName = isObj(config) ? (isObj(config.provider) ? config.provider.name : config.provider) : undefined;
  if (typeof providerName === 'string' && providerName !== 'aws') {
    // Not an AWS service: no Lambda execution roles exist.
    return {
      ...base,
      service: (isObj(config) ? config.service : null) ?? null,
      mode: 'shared',
      externalPerFunctionPlugin: false,
      functions: [],
      roles: [],
      resourceTypes: Object.create(null) as Record<string, string>,
      diagnostics: dedupeDiagnostics([
        ...service.diagnostics,
        {
          code: 'not-aws-provider',
          severity: 'info',
          message: `provider.name is "${providerName}": only AWS services have Lambda execution roles; nothing was synthesized.`,
          path: ['provider', 'name'],
        },
      ]),
    };
  }
  try {
    n = normalizeService(service);
    sim = createSim(n);
    mergeIamTemplates(sim);
    compileFunctions(sim);
    compileEvents(sim);
    if (n.externalPlugin) runExternalPlugin(sim);
    else createRolesPerFunction(sim);
    const final = finalizeTemplate(sim);
    const roles = buildRoles(sim, final);
    const functions = buildFunctions(sim, final, roles);
    return {
      ...base,
      service: n.service,
      mode: sim.perFunction ? 'perFunction' : 'shared',
      externalPerFunctionPlugin: n.externalPlugin,
      functions,
      roles,
      resourceTypes: buildResourceTypes(sim, final),
      diagnostics: dedupeDiagnostics([...service.diagnostics, ...n.diagnostics, ...sim.diagnostics]),
    };
  } catch (error) {
    const internal: Diagnostic[] = [];
    if (!(error instanceof FrameworkError)) {
      // A bug in iamlint, not a Framework refusal: keep going with an empty model and say so.
      internal.push({
        code: 'internal-error',
        severity: 'error',
        message: `iamlint could not synthesize the roles of this service: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    const iamRole = get(isObj(config) ? config.provider : undefined, 'iam', 'role');
    const functions = failedFunctions(n, sim);
    return {
      ...base,
      service: (n?.service ?? (isObj(config) ? config.service : null) ?? null) as Plain,
      mode: sim ? (sim.perFunction ? 'perFunction' : 'shared') : isObj(iamRole) && iamRole.mode === 'perFunction' ? 'perFunction' : 'shared',
      externalPerFunctionPlugin: n?.externalPlugin ?? listsExternalPlugin(isObj(config) ? config.plugins : undefined),
      functions,
      roles: [],
      resourceTypes: declaredResourceTypes(isObj(config) ? config : {}, functions.flatMap((f) => (f.lambdaLogicalId ? [f.lambdaLogicalId] : []))),
      ...(error instanceof FrameworkError ? { failure: error.failure } : {}),
      diagnostics: dedupeDiagnostics([...service.diagnostics, ...(n?.diagnostics ?? []), ...(sim?.diagnostics ?? []), ...internal]),
    };
  }
}
