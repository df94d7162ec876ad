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

/** What opens a CloudFormation dynamic reference (`{{resolve:ssm:/name}}`); `}}` closes it. */
const DYNAMIC_OPEN = '{{resolve:';
const DYNAMIC_CLOSE = '}}';

/** What CloudFormation reads for a dynamic reference, by its service part. */
const DYNAMIC_SOURCES: Readonly<Record<string, string>> = {
  ssm: 'an SSM parameter',
  'ssm-secure': 'a secure SSM parameter',
  secretsmanager: 'a Secrets Manager secret',
};

/**
 * A CloudFormation dynamic reference: CloudFormation replaces it with a value it reads when it
 * deploys the stack, so it is one unseen value (that may hold colons, even a whole ARN).
 * `pieces` is what is written between the braces, with any intrinsic pieces inside (`Fn::Sub`).
 */
function dynamicReferencePart(pieces: ReadonlyArray<string | ArnPart>): OpaquePart {
  let label = '';
  let key = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      label += piece;
      key += piece;
    } else if (piece.kind === 'text') {
      label += piece.text;
      key += piece.text;
    } else if (piece.kind === 'wildcard') {
      label += piece.wildcard;
      key += piece.wildcard;
    } else {
      label += `<${piece.label}>`;
      key += `\u0000${piece.key}\u0000`;
    }
  }
  const service = label.slice(DYNAMIC_OPEN.length).split(':')[0]!;
  const source = Object.hasOwn(DYNAMIC_SOURCES, service) ? DYNAMIC_SOURCES[service]! : `a ${service} value`;
  return {
    kind: 'opaque',
    key: `unknown:dynamic:${key}`,
    label,
    origin: 'unknown',
    reason: `a CloudFormation dynamic reference: CloudFormation reads ${source} when it deploys the stack`,
    colonFree: false,
  };
}

/**
 * Builds parts; policy text (literal strings written in the config) is lexed for IAM meaning
 * when the value is complete. A `{{resolve:…}}` dynamic reference, even one built by `Fn::Sub` or
 * `Fn::Join` around other pieces, becomes one opaque part.
 */
class PartsBuilder {
  private readonly items: Array<string | readonly ArnPart[]> = [];

  constructor(private readonly evaluator: ResourceEvaluator) {}

  policyText(value: string): void {
    if (!value) return;
    const last = this.items.length - 1;
    if (typeof this.items[last] === 'string') this.items[last] += value;
    else this.items.push(value);
  }

  add(parts: readonly ArnPart[]): void {
    this.items.push(parts);
  }

  result(): ArnPart[] {
    const out: ArnPart[] = [];
    let pending = '';
    const flush = () => {
      if (pending) out.push(...this.evaluator.lexPolicyText(pending));
      pending = '';
    };
    const items = this.items;
    let i = 0;
    let offset = 0;
    while (i < items.length) {
      const item = items[i]!;
      if (typeof item !== 'string') {
        flush();
        out.push(...item);
        i++;
        offset = 0;
        continue;
      }
      const open = item.indexOf(DYNAMIC_OPEN, offset);
      if (open < 0) {
        pending += item.slice(offset);
        i++;
        offset = 0;
        continue;
      }
      const close = findDynamicClose(items, i, open + DYNAMIC_OPEN.length);
      if (!close) {
        // Never closed: not a dynamic reference, plain text.
        pending += item.slice(offset, open + DYNAMIC_OPEN.length);
        offset = open + DYNAMIC_OPEN.length;
        continue;
      }
      pending += item.slice(offset, open);
      flush();
      const pieces: Array<string | ArnPart> = [];
      for (let j = i; j <= close.item; j++) {
        const piece = items[j]!;
        const from = j === i ? open : 0;
        if (typeof piece === 'string') pieces.push(piece.slice(from, j === close.item ? close.offset : undefined));
        else pieces.push(...piece);
      }
      out.push(dynamicReferencePart(pieces));
      i = close.item;
      offset = close.offset;
    }
    flush();
    return compactParts(out);
  }
}

/** Where the `}}` closing a dynamic reference opened in `items[item]` ends (offset after it), if anywhere. */
function findDynamicClose(items: ReadonlyArray<string | readonly ArnPart[]>, item: number, from: number): { item: number; offset: number } | undefined {
  for (let j = item; j < items.length; j++) {
    const piece = items[j]!;
    if (typeof piece !== 'string') continue;
    const close = piece.indexOf(DYNAMIC_CLOSE, j === item ? from : 0);
    if (close >= 0) return { item: j, offset: close + DYNAMIC_CLOSE.length };
  }
  return undefined;
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
