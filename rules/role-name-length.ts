import type { Rule } from '../src/engine/types.js';
import type { RoleModel } from '../src/synthesize/model.js';
import { formatPath, Unknown, type Plain } from '../src/load/node.js';
import { isMap, type PlainMap } from './lib/plain.js';

/** IAM's maximum role name length. */
const MAX = 64;

/** A name as far as it is known: its text (`…` for unknown parts) and its shortest possible length. */
interface Sized {
  text: string;
  min: number;
  exact: boolean;
}

const unknownPart: Sized = { text: '…', min: 0, exact: false };
const known = (text: string): Sized => ({ text, min: text.length, exact: true });

function concat(parts: Sized[], sep: string): Sized {
  return {
    text: parts.map((p) => p.text).join(sep),
    min: parts.reduce((n, p) => n + p.min, 0) + sep.length * Math.max(0, parts.length - 1),
    exact: parts.every((p) => p.exact),
  };
}

/**
 * The length a RoleName value has once CloudFormation resolves it. Pseudo parameters have
 * known lengths (the region from the service, 12-digit account ids, the stack name
 * `<service>-<stage>` unless `provider.stackName`); anything else counts as 0 and makes
 * the result a lower bound.
 */
function measure(value: Plain | undefined, pseudo: Record<string, string>): Sized | undefined {
  if (typeof value === 'string') return known(value);
  if (typeof value === 'number') return known(String(value));
  if (value instanceof Unknown) {
    if (!value.parts) return unknownPart;
    return concat(value.parts.map((p) => (typeof p === 'string' ? known(p) : unknownPart)), '');
  }
  if (!isMap(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const arg = value[keys[0]!];
  switch (keys[0]) {
    case 'Ref':
      return typeof arg === 'string' && arg in pseudo ? { ...known(pseudo[arg]!), exact: arg !== 'AWS::Partition' } : unknownPart;
    case 'Fn::Join':
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return unknownPart;
      return concat(arg[1].map((p) => measure(p, pseudo) ?? unknownPart), arg[0]);
    case 'Fn::Sub': {
      const template = Array.isArray(arg) ? arg[0] : arg;
      const vars = Array.isArray(arg) && isMap(arg[1]) ? arg[1] : undefined;
      if (typeof template !== 'string') return unknownPart;
      const parts: Sized[] = [];
      let last = 0;
      for (const m of template.matchAll(/\$\{([^}]*)\}/g)) {
        parts.push(known(template.slice(last, m.index)));
        const name = m[1]!;
        if (name.startsWith('!')) parts.push(known(`\${${name.slice(1)}}`));
        else if (vars && name in vars) parts.push(measure(vars[name], pseudo) ?? unknownPart);
        else if (name in pseudo) parts.push({ ...known(pseudo[name]!), exact: name !== 'AWS::Partition' });
        else parts.push(unknownPart);
        last = m.index + m[0].length;
      }
      parts.push(known(template.slice(last)));
      return concat(parts, '');
    }
    default:
      return unknownPart;
  }
}

/** The `lambdaRole`-suffixed generated name (the default `Fn::Join` form). */
function isGeneratedName(value: Plain | undefined): boolean {
  if (!isMap(value) || !Array.isArray(value['Fn::Join'])) return false;
  const list = value['Fn::Join'][1];
  return Array.isArray(list) && list.some((p) => isMap(p) && p.Ref === 'AWS::Region');
}

const rule: Rule = {
  meta: {
    id: 'role-name-length',
    type: 'problem',
    description: "Report IAM role names (explicit or generated) longer than IAM's 64 characters.",
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/role-name-length.md',
    messages: {
      explicit:
        'The role name "{{name}}" is {{length}} characters; IAM allows at most 64, so CloudFormation will fail to create role {{role}}. Shorten {{setting}}.',
      generatedShared:
        'The generated name of the shared role, "{{name}}", is {{length}} characters; IAM allows at most 64 and the Framework never shortens this name, so the deploy will fail in {{region}}. Set provider.iam.role.name to a shorter name (or shorten the service or stage name).',
      generatedDedicated:
        'The generated role name of function {{function}}, "{{name}}", is {{length}} characters even after the Framework dropped "-lambdaRole"; IAM allows at most 64. Set functions.{{function}}.iam.role.name to a shorter name.',
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 1,
      precision: 'very-high',
      tags: ['security', 'iam', 'quota', 'deployment', 'naming'],
    },
  },
  create(context) {
    const service = context.service;
    const provider = isMap(service.config.provider) ? service.config.provider : undefined;
    // An unknown stage or region (an `Unknown`) is not measured: only known parts count.
    const { stage, region } = service;
    const stackName =
      typeof provider?.stackName === 'string'
        ? provider.stackName
        : typeof service.service === 'string' && typeof stage === 'string'
          ? `${service.service}-${stage}`
          : undefined;
    const pseudo: Record<string, string> = {
      ...(typeof region === 'string' ? { 'AWS::Region': region } : {}),
      'AWS::AccountId': '000000000000',
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      ...(stackName ? { 'AWS::StackName': stackName } : {}),
    };

    const settingFor = (role: RoleModel): string => {
      const p = role.roleName?.provenance;
      if (p && 'path' in p) return formatPath(p.path);
      return role.kind === 'resource' ? `resources.Resources.${role.logicalId}.Properties.RoleName` : 'the role name';
    };

    return {
      role(role) {
        const prop = role.roleName;
        const value = prop?.value ?? role.properties.RoleName;
        if (value === undefined || value === null) return;
        let sized = measure(value, pseudo);
        if (!sized || sized.min <= MAX) return;
        const generated = (!prop || prop.provenance.kind === 'template' || prop.provenance.kind === 'auto') && isGeneratedName(value);
        if (generated && role.kind === 'dedicated') {
          // The Framework drops a trailing `lambdaRole` part from generated per-function names over 64.
          const list = (value as PlainMap)['Fn::Join'] as [string, Plain[]];
          if (list[1][list[1].length - 1] === 'lambdaRole') {
            sized = measure({ 'Fn::Join': [list[0], list[1].slice(0, -1)] }, pseudo)!;
            if (sized.min <= MAX) return;
          }
        }
        const length = sized.exact ? String(sized.min) : `at least ${sized.min}`;
        if (generated && role.kind === 'shared') {
          context.report({
            messageId: 'generatedShared',
            data: { name: sized.text, length, region: typeof region === 'string' ? region : 'every region' },
            at: prop ?? role,
            role,
          });
        } else if (generated && role.kind === 'dedicated') {
          const fn = role.dedicatedTo ?? role.functions[0] ?? '?';
          context.report({
            messageId: 'generatedDedicated',
            data: { name: sized.text, length, function: fn },
            at: prop ?? role,
            role,
          });
        } else {
          context.report({
            messageId: 'explicit',
            data: { name: sized.text, length, role: role.logicalId, setting: settingFor(role) },
            at: prop ?? role,
            role,
          });
        }
      },
    };
  },
};

export default rule;
