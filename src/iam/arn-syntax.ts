/**
 * Is an `arn:` value well-formed: `arn:partition:service:region:account:resource`?
 * Only the fields written literally are judged; a field holding a wildcard or an unseen
 * value gets the benefit of the doubt (a `*` may even stand for several fields).
 */
import { arnPatternText, type ArnPart, type ArnPattern } from './arn-pattern.js';
import { evaluateArn } from './arn.js';
import { resourceTypesOfService, serviceExists } from './catalog.js';

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
const SERVICE = /^[a-z0-9-]+$/;
const FIELD_NAMES = ['arn', 'partition', 'service', 'region', 'account', 'resource'];
const RESOURCE_FIELD = 5;

/** The pattern's parts split at its first five literal colons. */
function splitFields(parts: readonly ArnPart[]): ArnPart[][] {
  const fields: ArnPart[][] = [[]];
  for (const part of parts) {
    if (part.kind !== 'text') {
      fields[fields.length - 1]!.push(part);
      continue;
    }
    let rest = part.text;
    let colon = rest.indexOf(':');
    while (colon >= 0 && fields.length < FIELD_NAMES.length) {
      if (colon > 0) fields[fields.length - 1]!.push({ kind: 'text', text: rest.slice(0, colon) });
      fields.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    if (rest) fields[fields.length - 1]!.push({ kind: 'text', text: rest });
  }
  return fields;
}

/** The field's text when it is written literally (no wildcard, no unseen value). */
function literal(field: readonly ArnPart[]): string | undefined {
  let text = '';
  for (const part of field) {
    if (part.kind !== 'text') return undefined;
    text += part.text;
  }
  return text;
}

/** Account fields the catalog's own formats write literally for a service (`aws` for managed policies…). */
function literalAccountsOf(service: string): Set<string> {
  const accounts = new Set<string>();
  for (const type of resourceTypesOfService(service)) {
    const account = type.arnFormat.split(':')[4];
    if (account !== undefined && !account.includes('$')) accounts.add(account);
  }
  return accounts;
}

function accountProblem(account: string, service: string | undefined): string | undefined {
  if (account === '' || ACCOUNT_ID.test(account) || account === 'aws') return undefined;
  if (service && serviceExists(service) && literalAccountsOf(service).has(account)) return undefined;
  if (/^\d+$/.test(account)) return `the account field \`${account}\` has ${account.length} digits; an account id has 12`;
  return `the account field \`${account}\` is not a 12-digit account id`;
}

/** A field as written, for messages: wildcards as written, unseen pieces as `<label>`. */
function display(field: readonly ArnPart[]): string {
  return arnPatternText({ parts: field });
}

/** The literal text a field starts with, before its first wildcard or unseen piece. */
function literalPrefix(field: readonly ArnPart[]): string {
  let text = '';
  for (const part of field) {
    if (part.kind !== 'text') break;
    text += part.text;
  }
  return text;
}

/** Endings that complete a region prefix (`us` → `us-a-1`, `us-east-` → `us-east-1`) when one can. */
const REGION_ENDINGS = ['', '1', '-1', 'a-1', '-a-1', 'a-a-1'];

/**
 * What is wrong with header field `index` (1 = partition … 4 = account), or undefined. A field
 * written literally is judged whole; one holding a wildcard or an unseen piece only by the
 * literal text it starts with, which must be the start of some right value.
 */
function fieldProblem(index: number, field: readonly ArnPart[], service: string | undefined): string | undefined {
  const whole = literal(field);
  const text = whole ?? literalPrefix(field);
  const partial = whole === undefined;
  if (partial && text === '') return undefined;
  switch (index) {
    case 1:
      if (PARTITIONS.has(text) || (partial && [...PARTITIONS].some((p) => p.startsWith(text)))) return undefined;
      return partial ? `\`${display(field)}\` cannot be a partition (aws, aws-cn, aws-us-gov, …)` : `\`${text}\` is not a partition (aws, aws-cn, aws-us-gov, …)`;
    case 2:
      if (text === '') return 'the service field is empty';
      if (SERVICE.test(text)) return undefined;
      return `the service field \`${partial ? display(field) : text}\` must be lower-case letters, digits and dashes`;
    case 3:
      if (text === '' || (partial ? REGION_ENDINGS.some((end) => REGION.test(text + end)) : REGION.test(text))) return undefined;
      return partial ? `the region field \`${display(field)}\` cannot be a region` : `the region field \`${text}\` is not a region`;
    case 4: {
      if (!partial) return accountProblem(text, service);
      if (/^\d{1,12}$/.test(text) || 'aws'.startsWith(text)) return undefined;
      if (service && serviceExists(service) && [...literalAccountsOf(service)].some((a) => a.startsWith(text))) return undefined;
      if (/^\d+$/.test(text)) return `the account field \`${display(field)}\` starts with ${text.length} digits; an account id has 12`;
      return `the account field \`${display(field)}\` cannot be a 12-digit account id`;
    }
  }
  return undefined;
}

const isStar = (part: ArnPart) => part.kind === 'wildcard' && part.wildcard === '*';

/**
 * Why an `arn:` value is malformed, or undefined when it looks right — or is not an ARN at
 * all (a bucket name, a queue URL: other rules judge those).
 *
 * With its six fields written, each field is judged where it stands (a `*` is taken to stay in
 * its field: `arn:aws:dynamodb:*:*:table/*`). With fewer, a `*` must stand for the missing
 * colons (`arn:aws:*`): the fields before it are judged, and its own field by the text it starts
 * with (`arn:aws:s3::files/*` would need an account id starting with `files/`); what follows
 * the star is not judged, since its fields are not where they are written.
 */
export function arnProblem(value: string | ArnPattern): string | undefined {
  const pattern = typeof value === 'string' ? evaluateArn(value) : value;
  const fields = splitFields(pattern.parts);
  const head = literal(fields[0]!);
  if (head === undefined || fields.length === 1) return undefined;
  if (head.toLowerCase() === 'arn' && head !== 'arn') return `an ARN starts with lower-case \`arn:\`, not \`${head}:\``;
  if (head !== 'arn') return undefined;
  const whitespace = pattern.parts.some((part) => part.kind === 'text' && /\s/.test(part.text));
  if (whitespace) return 'the ARN contains whitespace';
  const service = literal(fields[2] ?? []);
  if (fields.length < FIELD_NAMES.length) {
    const count = `an ARN has 6 colon-separated fields (arn:partition:service:region:account:resource); this one has ${fields.length}`;
    const star = fields.findIndex((field) => field.some(isStar));
    if (star < 0) return count;
    for (let index = 1; index < star; index++) {
      const problem = fieldProblem(index, fields[index]!, service);
      if (problem) return problem;
    }
    const problem = fieldProblem(star, fields[star]!, service);
    return problem ? `${count}, and its \`*\` cannot stand for the missing ones: ${problem}` : undefined;
  }
  for (let index = 1; index < RESOURCE_FIELD; index++) {
    const problem = fieldProblem(index, fields[index]!, service);
    if (problem) return problem;
  }
  if (fields[RESOURCE_FIELD]!.length === 0) return 'the resource field is empty';
  return undefined;
}

/** Is this an `arn:` value with too few fields, a bad partition, region, account…? */
export function isMalformedArn(value: string | ArnPattern): boolean {
  return arnProblem(value) !== undefined;
}
