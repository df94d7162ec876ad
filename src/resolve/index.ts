/** The resolve stage: Serverless variables replaced by located values. */
export { resolveService } from './resolve-service.js';
export { parseTemplate } from './parse-template.js';
export type { Template, Piece, VarPiece, SourceExpr } from './template.js';
