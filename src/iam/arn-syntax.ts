/**
 * Is an `arn:` value well-formed: `arn:partition:service:region:account:resource`?
 * Only the fields written literally are judged; a field holding a wildcard or an unseen
 * value gets the benefit of the doubt (a `*` may even stand for several fields).
 */
import type { ArnPart, ArnPattern } from './arn-pattern.js';
import { evaluateArn } from './arn.js';
import { resourceTypesOfService, serviceExists } from './catalog.js';

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
const SERVICE = /^[a-z0-9-]+$/;
const FIELD_NAMES = ['arn', 'partition', 'service', 'region', 'account', 'resource'];

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

/**
 * Why an `arn:` value is malformed, or undefined when it looks right — or is not an ARN at
 * all (a bucket name, a queue URL: other rules judge those).
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
  const hasStar = pattern.parts.some((part) => part.kind === 'wildcard' && part.wildcard === '*');
  if (fields.length < FIELD_NAMES.length) {
    // `arn:aws:*` is fine: the star may span the missing fields.
    if (hasStar) return undefined;
    return `an ARN has 6 colon-separated fields (arn:partition:service:region:account:resource); this one has ${fields.length}`;
  }
  const [, partitionField, serviceField, regionField, accountField, resourceField] = fields as [ArnPart[], ArnPart[], ArnPart[], ArnPart[], ArnPart[], ArnPart[]];
  const partition = literal(partitionField);
  if (partition !== undefined && !PARTITIONS.has(partition)) return `\`${partition}\` is not a partition (aws, aws-cn, aws-us-gov, …)`;
  const service = literal(serviceField);
  if (service === '') return 'the service field is empty';
  if (service !== undefined && !SERVICE.test(service)) return `the service field \`${service}\` must be lower-case letters, digits and dashes`;
  const region = literal(regionField);
  if (region !== undefined && region !== '' && !REGION.test(region)) return `the region field \`${region}\` is not a region`;
  const account = literal(accountField);
  const problem = account === undefined ? undefined : accountProblem(account, service);
  if (problem) return problem;
  if (resourceField.length === 0) return 'the resource field is empty';
  return undefined;
}

/** Is this an `arn:` value with too few fields, a bad partition, region, account…? */
export function isMalformedArn(value: string | ArnPattern): boolean {
  return arnProblem(value) !== undefined;
}
