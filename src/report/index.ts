export { colors, shouldUseColor, type Colors } from './color.js';
export { countFindings, groupByFile, type FileGroup } from './group.js';
export { formatJson, toJsonReport, type JsonFileResult, type JsonFinding, type JsonRelated, type JsonReport } from './json.js';
export { SourceCache, relativePath, renderSnippet } from './sources.js';
export { formatFinding, formatText } from './text.js';
export type { LintResult, ReportOptions } from './types.js';
export { formatRolesJson, formatRolesText, roleOf, selectFunctions, toRolesJson, type Loc, type RolesInput, type RolesOptions } from './roles.js';
export { describeStatement, formatValue } from './values.js';
