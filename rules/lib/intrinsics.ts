/**
 * Reading CloudFormation intrinsics (`Ref`, `Fn::Sub`, `Fn::Join`, …) in written values as far as
 * they can be known offline. Whatever cannot be known stays a hole: never guessed, never `*`.
 *
 * Not a rule: this module has no default export.
 */
import { Unknown, type Plain } from '../../src/load/node.js';
import { isMap } from './plain.js';

/** Stands for a piece of a string iamlint cannot know (an `${ssm:}` value, `AWS::AccountId`, a `Ref`…). */
export const HOLE = '\u0000';

/** Pseudo parameter name → value, for those known offline (`AWS::Partition`, `AWS::Region`, …). */
export type Pseudo = Record<string, string>;

/**
 * The string a value becomes in CloudFormation, with HOLE for what is not knowable offline.
 * Understands `Ref` of pseudo parameters, `Fn::Sub` and `Fn::Join`; undefined when not a string at all.
 */
export function render(value: Plain | undefined, pseudo: Pseudo): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Unknown) {
    return value.parts ? value.parts.map((p) => (typeof p === 'string' ? p : HOLE)).join('') : HOLE;
  }
  if (!isMap(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const arg = value[keys[0]!];
  switch (keys[0]) {
    case 'Ref':
      return typeof arg === 'string' && arg in pseudo ? pseudo[arg] : HOLE;
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return HOLE;
      return arg[1].map((p) => render(p, pseudo) ?? HOLE).join(arg[0]);
    }
    case 'Fn::Sub': {
      const template = Array.isArray(arg) ? arg[0] : arg;
      const vars = Array.isArray(arg) && isMap(arg[1]) ? arg[1] : undefined;
      if (typeof template !== 'string') return HOLE;
      return template.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
        if (name.startsWith('!')) return `\${${name.slice(1)}}`;
        if (vars && name in vars) return render(vars[name], pseudo) ?? HOLE;
        return name in pseudo ? pseudo[name]! : HOLE;
      });
    }
    default:
      // Fn::ImportValue, Fn::GetAtt, Fn::If, … : a value known only at deploy time.
      return keys[0]!.startsWith('Fn::') ? HOLE : undefined;
  }
}

/**
 * A managed policy ARN as readable text: a string as is, `Fn::Join` parts joined (`…` for parts
 * that are not strings), the `Fn::Sub` template; undefined for anything else.
 */
export function policyArnText(arn: Plain): string | undefined {
  if (typeof arn === 'string') return arn;
  if (isMap(arn) && Array.isArray(arn['Fn::Join']) && Array.isArray(arn['Fn::Join'][1])) {
    const sep = typeof arn['Fn::Join'][0] === 'string' ? arn['Fn::Join'][0] : '';
    return arn['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : '…')).join(sep);
  }
  if (isMap(arn) && typeof arn['Fn::Sub'] === 'string') return arn['Fn::Sub'];
  return undefined;
}

/** A short name for a managed policy ARN: `ReadOnlyAccess`, `service-role/AWSLambdaVPCAccessExecutionRole`, or its source text. */
export function managedPolicyName(arn: Plain): string {
  const text = policyArnText(arn) ?? String(arn instanceof Unknown ? arn.text : JSON.stringify(arn));
  const m = /:policy\/(.+)$/.exec(text);
  return m ? m[1]! : text;
}
