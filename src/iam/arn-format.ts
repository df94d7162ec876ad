/**
 * ARN *formats* — `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}` —
 * as the catalog gives them and as the CloudFormation reference table writes them:
 * literal text, `${Variable}` slots, and the odd literal `*`.
 */

export type FormatPiece = { kind: 'text'; text: string } | { kind: 'variable'; name: string } | { kind: 'wildcard'; wildcard: '*' | '?' };

export function parseArnFormat(format: string): FormatPiece[] {
  const pieces: FormatPiece[] = [];
  let text = '';
  const flush = () => {
    if (text) pieces.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < format.length; i++) {
    const char = format[i]!;
    const close = char === '$' && format[i + 1] === '{' ? format.indexOf('}', i + 2) : -1;
    if (close > 0) {
      flush();
      pieces.push({ kind: 'variable', name: format.slice(i + 2, close) });
      i = close;
    } else if (char === '*' || char === '?') {
      flush();
      pieces.push({ kind: 'wildcard', wildcard: char });
    } else {
      text += char;
    }
  }
  flush();
  return pieces;
}

/**
 * Which colon-separated ARN field each piece starts in (0 = `arn`, 1 = partition,
 * 2 = service, 3 = region, 4 = account, 5 = resource); colons inside the resource
 * field do not count. Variables never contain colons, so this is exact for formats.
 */
export function fieldOfPieces(pieces: readonly FormatPiece[]): number[] {
  const fields: number[] = [];
  let field = 0;
  for (const piece of pieces) {
    fields.push(field);
    if (piece.kind === 'text') for (const char of piece.text) if (char === ':' && field < 5) field++;
  }
  return fields;
}
