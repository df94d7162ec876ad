/**
 * Evaluate a statement's `Resource` value (a Plain from the model) to an ArnPattern.
 *
 * Literal strings, `Fn::Join`, `Fn::Sub`, `Ref` / `Fn::GetAtt` of this service's resources
 * (by CloudFormation type), pseudo parameters (also in the `#{AWS::Region}` form of the
 * serverless-pseudo-parameters plugin) and `Unknown` values all become text, wildcards
 * and opaque pieces. Nothing iamlint cannot see ever becomes a wildcard.
 */
import { Unknown, type Plain } from '../load/node.js';
import { compactParts, type ArnPart, type ArnPattern, type OpaquePart } from './arn-pattern.js';
import { parseArnFormat } from './arn-format.js';
import { referenceShape } from './cfn-references.js';

export interface ArnContext {
  /** Logical id → CloudFormation type (`AWS::DynamoDB::Table`), from `resources.Resources` and generated resources. */
  resourceTypes?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Known pseudo parameter values; when absent they stay opaque (concrete, unseen). */
  partition?: string;
  region?: string;
  accountId?: string;
}

const URL_SUFFIX_BY_PARTITION: Readonly<Record<string, string>> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
};

function isPlainObject(value: Plain): value is { [key: string]: Plain } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Unknown);
}

function text(value: string): ArnPart {
  return { kind: 'text', text: value };
}

/**
 * An unseen value. `source` identifies it: the same `${ssm:/x}` written twice is one value,
 * while two different `Fn::ImportValue`s are not.
 */
function unknownPart(label: string, reason: string, source: Plain = label): OpaquePart {
  return { kind: 'opaque', key: `unknown:${JSON.stringify(source)}`, label, origin: 'unknown', reason, colonFree: false };
}

/** Builds parts; policy text (literal strings written in the config) is lexed for IAM meaning when flushed. */
class PartsBuilder {
  private readonly parts: ArnPart[] = [];
  private pending = '';

  constructor(private readonly evaluator: ResourceEvaluator) {}

  policyText(value: string): void {
    this.pending += value;
  }

  add(parts: readonly ArnPart[]): void {
    this.flush();
    this.parts.push(...parts);
  }

  result(): ArnPart[] {
    this.flush();
    return compactParts(this.parts);
  }

  private flush(): void {
    if (this.pending) this.parts.push(...this.evaluator.lexPolicyText(this.pending));
    this.pending = '';
  }
}

class ResourceEvaluator {
  constructor(private readonly context: ArnContext) {}

  evaluate(value: Plain): ArnPattern {
    const reference = this.wholeReference(value);
    return reference ?? { parts: this.parts(value) };
  }

  /** `Ref X` / `Fn::GetAtt X.Y` as the whole value: keep what it returns, for "a queue URL is not an ARN" checks. */
  private wholeReference(value: Plain): ArnPattern | undefined {
    if (!isPlainObject(value)) return undefined;
    const keys = Object.keys(value);
    if (keys.length !== 1) return undefined;
    const target = keys[0] === 'Ref' ? this.refTarget(value.Ref!) : keys[0] === 'Fn::GetAtt' ? this.getAttTarget(value['Fn::GetAtt']!) : undefined;
    if (!target) return undefined;
    const resourceType = this.resourceTypeOf(target.logicalId);
    const shape = resourceType ? referenceShape(resourceType, target.attribute) : undefined;
    if (!resourceType || !shape) return undefined;
    return {
      parts: this.parts(value),
      reference: { logicalId: target.logicalId, resourceType, attribute: target.attribute, returns: shape.returns },
    };
  }

  parts(value: Plain): ArnPart[] {
    if (typeof value === 'string') {
      const builder = new PartsBuilder(this);
      builder.policyText(value);
      return builder.result();
    }
    if (typeof value === 'number' || typeof value === 'boolean') return [text(String(value))];
    if (value instanceof Unknown) return this.unknownParts(value);
    if (value === null) return [unknownPart('null', 'the value is empty (null)', value)];
    if (Array.isArray(value)) return [unknownPart('list', 'a list where one value was expected', value)];
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0]!;
      const argument = value[key]!;
      switch (key) {
        case 'Ref':
          return this.ref(argument);
        case 'Fn::GetAtt':
          return this.getAtt(argument);
        case 'Fn::Join':
          return this.join(argument);
        case 'Fn::Sub':
          return this.sub(argument);
      }
      if (key.startsWith('Fn::')) return [unknownPart(key, `${key} is not evaluated offline`, value)];
    }
    return [unknownPart('object', 'an object that is not a CloudFormation intrinsic iamlint evaluates', value)];
  }

  private unknownParts(value: Unknown): ArnPart[] {
    if (!value.parts) return [unknownPart(value.text, value.reason)];
    const builder = new PartsBuilder(this);
    for (const piece of value.parts) {
      if (typeof piece === 'string') builder.policyText(piece);
      else builder.add([unknownPart(piece.text, piece.reason)]);
    }
    return builder.result();
  }

  private join(argument: Plain): ArnPart[] {
    if (!Array.isArray(argument) || argument.length !== 2) return [unknownPart('Fn::Join', 'Fn::Join needs [separator, [values]]', argument)];
    const [separator, values] = argument as [Plain, Plain];
    if (typeof separator !== 'string') return [unknownPart('Fn::Join', 'the Fn::Join separator is not a literal string', argument)];
    if (!Array.isArray(values)) return [unknownPart('Fn::Join', 'the Fn::Join values are not a literal list', argument)];
    const builder = new PartsBuilder(this);
    values.forEach((item, index) => {
      if (index > 0) builder.policyText(separator);
      if (typeof item === 'string') builder.policyText(item);
      else builder.add(this.parts(item));
    });
    return builder.result();
  }

  private sub(argument: Plain): ArnPart[] {
    let template: Plain = argument;
    let variables: { [key: string]: Plain } = {};
    if (Array.isArray(argument)) {
      if (argument.length !== 2 || !isPlainObject(argument[1]!)) return [unknownPart('Fn::Sub', 'Fn::Sub needs a string or [string, {variables}]', argument)];
      template = argument[0]!;
      variables = argument[1];
    }
    if (typeof template !== 'string') {
      return template instanceof Unknown ? this.unknownParts(template) : [unknownPart('Fn::Sub', 'the Fn::Sub template is not a literal string', argument)];
    }
    const builder = new PartsBuilder(this);
    let rest = template;
    for (let match = /\$\{([^}]*)\}/.exec(rest); match; match = /\$\{([^}]*)\}/.exec(rest)) {
      builder.policyText(rest.slice(0, match.index));
      const name = match[1]!;
      if (name.startsWith('!')) builder.policyText(`\${${name.slice(1)}}`); // `${!x}` is the literal text `${x}`
      else if (Object.hasOwn(variables, name)) builder.add(this.parts(variables[name]!));
      else builder.add(this.variable(name));
      rest = rest.slice(match.index + match[0].length);
    }
    builder.policyText(rest);
    return builder.result();
  }

  /** A `${Name}` of `Fn::Sub` or a `#{Name}` of the pseudo-parameters plugin: pseudo parameter, `Ref` or `GetAtt`. */
  private variable(name: string): ArnPart[] {
    if (name.startsWith('AWS::')) return this.pseudo(name);
    const dot = name.indexOf('.');
    return dot > 0 ? this.getAtt([name.slice(0, dot), name.slice(dot + 1)]) : this.ref(name);
  }

  private refTarget(argument: Plain): { logicalId: string; attribute?: string } | undefined {
    return typeof argument === 'string' && !argument.startsWith('AWS::') ? { logicalId: argument } : undefined;
  }

  private getAttTarget(argument: Plain): { logicalId: string; attribute: string } | undefined {
    if (typeof argument === 'string') {
      const dot = argument.indexOf('.');
      return dot > 0 ? { logicalId: argument.slice(0, dot), attribute: argument.slice(dot + 1) } : undefined;
    }
    if (Array.isArray(argument) && argument.length === 2 && typeof argument[0] === 'string' && typeof argument[1] === 'string') {
      return { logicalId: argument[0], attribute: argument[1] };
    }
    return undefined;
  }

  private ref(argument: Plain): ArnPart[] {
    if (typeof argument === 'string' && argument.startsWith('AWS::')) return this.pseudo(argument);
    const target = this.refTarget(argument);
    if (!target) return [unknownPart('Ref', 'Ref of something that is not a logical id', argument)];
    return this.reference(target.logicalId, undefined, `Ref ${target.logicalId}`);
  }

  private getAtt(argument: Plain): ArnPart[] {
    const target = this.getAttTarget(argument);
    if (!target) return [unknownPart('Fn::GetAtt', 'Fn::GetAtt needs [LogicalId, Attribute]', argument)];
    return this.reference(target.logicalId, target.attribute, `Fn::GetAtt ${target.logicalId}.${target.attribute}`);
  }

  private resourceTypeOf(logicalId: string): string | undefined {
    const types = this.context.resourceTypes;
    if (!types) return undefined;
    if (types instanceof Map) return types.get(logicalId);
    const record = types as Readonly<Record<string, string>>;
    return Object.hasOwn(record, logicalId) ? record[logicalId] : undefined;
  }

  private reference(logicalId: string, attribute: string | undefined, label: string): ArnPart[] {
    const resourceType = this.resourceTypeOf(logicalId);
    if (!resourceType) return [unknownPart(label, `${logicalId} is not a resource of this service (a parameter or another stack's?)`)];
    const shape = referenceShape(resourceType, attribute);
    if (!shape) return [unknownPart(label, `iamlint does not know what ${label} returns for ${resourceType}`)];
    const parts: ArnPart[] = [];
    for (const piece of parseArnFormat(shape.format)) {
      if (piece.kind === 'text') parts.push(text(piece.text));
      else if (piece.kind === 'wildcard') parts.push(piece);
      else if (Object.hasOwn(PSEUDO_BY_FORMAT_VARIABLE, piece.name)) parts.push(...this.pseudo(PSEUDO_BY_FORMAT_VARIABLE[piece.name]!));
      else {
        parts.push({
          kind: 'opaque',
          key: `${logicalId}.${piece.name}`,
          label: `${piece.name} of ${logicalId}`,
          origin: 'resource',
          reason: `CloudFormation chooses it when it creates ${logicalId}`,
          colonFree: true,
        });
      }
    }
    return compactParts(parts);
  }

  private pseudo(name: string): ArnPart[] {
    const known = this.knownPseudo(name);
    if (known !== undefined) return [text(known)];
    if (!PSEUDO_COLON_FREE.has(name)) return [unknownPart(name, `${name} is not known before deployment`)];
    return [{ kind: 'opaque', key: name, label: name, origin: 'pseudo', reason: `${name} is not known before deployment`, colonFree: true }];
  }

  private knownPseudo(name: string): string | undefined {
    switch (name) {
      case 'AWS::Partition':
        return this.context.partition;
      case 'AWS::Region':
        return this.context.region;
      case 'AWS::AccountId':
        return this.context.accountId;
      case 'AWS::URLSuffix':
        return this.context.partition !== undefined && Object.hasOwn(URL_SUFFIX_BY_PARTITION, this.context.partition)
          ? URL_SUFFIX_BY_PARTITION[this.context.partition]
          : undefined;
    }
    return undefined;
  }

  /**
   * Literal policy text: `*` and `?` are wildcards; `${aws:username}`-style policy variables
   * are per-request values (`${*}`, `${?}`, `${$}` are IAM's escapes for the characters);
   * `#{…}` is the pseudo-parameters plugin's way of writing a `Fn::Sub` variable.
   */
  lexPolicyText(value: string): ArnPart[] {
    const parts: ArnPart[] = [];
    let pending = '';
    const flush = () => {
      if (pending) parts.push(text(pending));
      pending = '';
    };
    for (let i = 0; i < value.length; i++) {
      const char = value[i]!;
      const close = (char === '$' || char === '#') && value[i + 1] === '{' ? value.indexOf('}', i + 2) : -1;
      if (close > 0) {
        const inner = value.slice(i + 2, close);
        if (char === '$' && (inner === '*' || inner === '?' || inner === '$')) pending += inner;
        else if (char === '$') {
          flush();
          parts.push({ kind: 'opaque', key: `policy:${inner}`, label: `\${${inner}}`, origin: 'policy-variable', reason: 'an IAM policy variable, filled in per request', colonFree: false });
        } else {
          flush();
          parts.push(...this.variable(inner));
        }
        i = close;
      } else if (char === '*' || char === '?') {
        flush();
        parts.push({ kind: 'wildcard', wildcard: char });
      } else {
        pending += char;
      }
    }
    flush();
    return parts;
  }
}

/** Format slots that are pseudo parameters (the rest are resource-specific). */
const PSEUDO_BY_FORMAT_VARIABLE: Readonly<Record<string, string>> = {
  Partition: 'AWS::Partition',
  Region: 'AWS::Region',
  Account: 'AWS::AccountId',
  URLSuffix: 'AWS::URLSuffix',
};

/** Pseudo parameters whose values never contain `:` (unlike `AWS::StackId`, itself an ARN). */
const PSEUDO_COLON_FREE = new Set(['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'AWS::URLSuffix', 'AWS::StackName']);

/** The ArnPattern a single `Resource` value stands for. */
export function evaluateArn(value: Plain, context: ArnContext = {}): ArnPattern {
  return new ResourceEvaluator(context).evaluate(value);
}

/** A statement's whole `Resource` (one value or a list): one pattern per value. */
export function evaluateResources(value: Plain, context: ArnContext = {}): ArnPattern[] {
  const evaluator = new ResourceEvaluator(context);
  return Array.isArray(value) ? value.map((item) => evaluator.evaluate(item)) : [evaluator.evaluate(value)];
}
