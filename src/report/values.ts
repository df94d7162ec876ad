/** Compact one-line renderings of config values (CloudFormation intrinsics in short form). */
import { Unknown, type Plain } from '../load/node.js';

export function formatValue(v: Plain | undefined): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (v instanceof Unknown) return v.text;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  const keys = Object.keys(v);
  if (keys.length === 1) {
    const k = keys[0]!;
    const arg = v[k]!;
    if (k === 'Ref' && typeof arg === 'string') return `!Ref ${arg}`;
    if (k === 'Fn::GetAtt') {
      if (Array.isArray(arg) && arg.every((a) => typeof a === 'string')) return `!GetAtt ${arg.join('.')}`;
      if (typeof arg === 'string') return `!GetAtt ${arg}`;
    }
    if (k === 'Fn::Sub' && typeof arg === 'string') return `!Sub ${JSON.stringify(arg)}`;
    if (k === 'Fn::ImportValue') return `!ImportValue ${formatValue(arg)}`;
    if (k === 'Fn::Join' && Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
      const parts = arg[1].map(joinPart);
      if (parts.every((x) => x !== undefined)) return parts.join(arg[0]);
    }
  }
  return JSON.stringify(v);
}

/** A part of `Fn::Join` as `Fn::Sub` would write it: text, `${Ref}`, `${Res.Attr}`. */
function joinPart(p: Plain): string | undefined {
  if (typeof p === 'string' || typeof p === 'number') return String(p);
  if (p instanceof Unknown) return p.text;
  if (p && typeof p === 'object' && !Array.isArray(p)) {
    const keys = Object.keys(p);
    if (keys.length !== 1) return undefined;
    const v = p[keys[0]!];
    if (keys[0] === 'Ref' && typeof v === 'string') return `\${${v}}`;
    if (keys[0] === 'Fn::GetAtt' && Array.isArray(v) && v.every((x) => typeof x === 'string')) return `\${${v.join('.')}}`;
  }
  return undefined;
}

/** `Allow s3:GetObject, s3:PutObject on arn:aws:s3:::b/*` (+ NotAction/NotResource/Principal/Condition). */
export function describeStatement(doc: { [key: string]: Plain }): string {
  const parts: string[] = [formatValue(doc.Effect ?? 'Allow')];
  if (doc.Action !== undefined) parts.push(formatValue(doc.Action));
  if (doc.NotAction !== undefined) parts.push(`every action except ${formatValue(doc.NotAction)}`);
  if (doc.Action === undefined && doc.NotAction === undefined) parts.push('(no Action)');
  if (doc.Resource !== undefined) parts.push(`on ${formatValue(doc.Resource)}`);
  else if (doc.NotResource !== undefined) parts.push(`on every resource except ${formatValue(doc.NotResource)}`);
  else parts.push('(no Resource)');
  if (doc.Principal !== undefined) parts.push(`for ${formatValue(doc.Principal)}`);
  if (doc.Condition !== undefined) parts.push(`if ${formatValue(doc.Condition)}`);
  return parts.join(' ');
}
