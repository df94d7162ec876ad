import { describe, expect, it } from 'vitest';
import { checkServiceShape } from '../../src/load/service-shape.js';
import { parse } from './parse-helpers.js';

const shapeOf = (text: string) => checkServiceShape(parse(text));

describe('checkServiceShape', () => {
  it.each([
    ['provider.name aws', 'service: api\nprovider:\n  name: aws\n'],
    ['provider given as the string aws (Framework v1)', 'service: api\nprovider: aws\n'],
    ['provider.name from a variable', 'service: api\nprovider:\n  name: ${env:PROVIDER}\n'],
    ['service given as a map (Framework v1)', 'service:\n  name: api\nprovider:\n  name: aws\n'],
    ['a JSON service', '{"service": "api", "provider": {"name": "aws"}}'],
  ])('accepts %s', (_, text) => {
    expect(shapeOf(text)).toBeUndefined();
  });

  it.each([
    ['an empty file', '', 1, /empty/],
    ['several documents', 'service: a\nprovider: {name: aws}\n---\nservice: b\n', 1, /2 YAML documents/],
    ['a list at the top level', '- a\n- b\n', 1, /list/],
    ['a lone value', 'hello\n', 1, /single value/],
    ['no service key', 'provider:\n  name: aws\n', 1, /`service`/],
    ['no provider key', 'service: api\nfunctions: {}\n', 1, /`provider`/],
    ['another provider', 'service: api\nprovider:\n  name: google\n', 3, /"google"/],
    ['another provider as a string', 'service: api\nprovider: azure\n', 2, /"azure"/],
    ['a provider without a name', 'service: api\nprovider:\n  runtime: nodejs18.x\n', 3, /no `name`/],
    ['a Serverless Components file', 'component: express\nname: app\ninputs:\n  src: ./\n', 1, /Components/],
    ['a Components file with inputs only', 'name: app\ninputs:\n  src: ./\n', 2, /Components/],
    ['a Compose file', 'services:\n  api:\n    path: api\n', 1, /Compose/],
    ['a CloudFormation template', 'AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n', 1, /`service`/],
  ])('reports %s as not-serverless-config', (_, text, line, message) => {
    const diagnostic = shapeOf(text);
    expect(diagnostic).toMatchObject({ code: 'not-serverless-config', severity: 'info', span: { file: '/project/serverless.yml', line } });
    expect(diagnostic!.message).toMatch(message);
  });

  it('adds nothing to a file that failed to parse', () => {
    expect(shapeOf('service: [\n')).toBeUndefined();
  });
});
