/**
 * Decides whether a parsed file is an AWS Serverless Framework service at all, so that
 * other YAML (CloudFormation templates, Components or Compose files, other providers)
 * is reported once as "not a service" instead of producing confusing findings.
 */
import { mapGet, type Diagnostic, type MapNode, type Node, type Path, type Span } from './node.js';
import { fileStartSpan } from './span.js';
import type { ParsedFile } from './types.js';

const CODE = 'not-serverless-config';

export function checkServiceShape(parsed: ParsedFile): Diagnostic | undefined {
  const notService = (message: string, span: Span = fileStartSpan(parsed.file), path?: Path): Diagnostic => ({
    code: CODE,
    severity: 'info',
    message,
    span,
    ...(path ? { path } : {}),
  });

  const root = parsed.root;
  if (!root) {
    // A file that failed to parse already has errors saying why; "not a service" would add nothing.
    if (parsed.diagnostics.some((d) => d.severity === 'error')) return undefined;
    if (parsed.documentCount === 0) return notService('The file is empty, so it is not a Serverless Framework service.');
    return notService('The file holds no value, so it is not a Serverless Framework service.');
  }
  if (parsed.documentCount > 1) {
    return notService(`The file holds ${parsed.documentCount} YAML documents; a Serverless Framework service file holds exactly one.`);
  }
  if (root.kind !== 'map') {
    return notService(`The top level is ${describeKind(root)}, not a mapping of settings, so this is not a Serverless Framework service.`, root.span);
  }

  const component = entry(root, 'component');
  if (component) {
    return notService('This is a Serverless Components file (it has `component:`), not a Framework service; iamlint does not read Components.', component.keySpan, ['component']);
  }
  const provider = entry(root, 'provider');
  const inputs = entry(root, 'inputs');
  if (inputs && !provider) {
    return notService('This looks like a Serverless Components file (`inputs:` without `provider:`), not a Framework service; iamlint does not read Components.', inputs.keySpan, ['inputs']);
  }
  const services = entry(root, 'services');
  if (services && !provider) {
    return notService('This looks like a Serverless Compose file (`services:` without `provider:`); lint each service folder instead.', services.keySpan, ['services']);
  }
  if (!entry(root, 'service')) {
    return notService('There is no `service` key, so this is not a Serverless Framework service file.', root.span);
  }
  if (!provider) {
    return notService('There is no `provider` key, so this is not a Serverless Framework service file.', root.span);
  }
  return checkProvider(provider.value, notService);
}

/** `provider: aws` (Framework v1) or `provider: { name: aws }`; a `${…}` name cannot be known here and is accepted. */
function checkProvider(provider: Node, notService: (message: string, span?: Span, path?: Path) => Diagnostic): Diagnostic | undefined {
  if (provider.kind === 'scalar') {
    return isAwsName(provider) ? undefined : notService(`The provider is ${describeValue(provider)}; iamlint reads AWS services only.`, provider.span, ['provider']);
  }
  if (provider.kind !== 'map') {
    return notService(`\`provider\` is ${describeKind(provider)}; a Framework service names its provider (\`provider: { name: aws }\`).`, provider.span, ['provider']);
  }
  const name = mapGet(provider, 'name');
  if (!name) {
    return notService('`provider` has no `name`, so the service cannot be deployed to AWS; iamlint reads AWS services only.', provider.span, ['provider']);
  }
  if (name.kind === 'unknown' || (name.kind === 'scalar' && isAwsName(name))) return undefined;
  return notService(`The provider is ${describeValue(name)}; iamlint reads AWS services only.`, name.span, ['provider', 'name']);
}

function isAwsName(node: Node): boolean {
  if (node.kind === 'unknown') return true;
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return false;
  return node.value === 'aws' || node.value.includes('${');
}

function entry(map: MapNode, key: string) {
  return map.entries.find((e) => e.key === key);
}

function describeKind(node: Node): string {
  switch (node.kind) {
    case 'map':
      return 'a mapping';
    case 'seq':
      return 'a list';
    case 'unknown':
      return 'a value not known offline';
    case 'scalar':
      return node.value === null ? 'empty' : `a single value (${JSON.stringify(node.value)})`;
  }
}

function describeValue(node: Node): string {
  if (node.kind === 'scalar') return node.value === null ? 'empty' : JSON.stringify(node.value);
  return describeKind(node);
}
