/** The services a variable source may use; implemented by the resolver. */
import type { Node } from '../load/node.js';
import type { LoadOptions } from '../load/types.js';
import type { IncludeLocation, IncludeResult } from './includes.js';
import type { Outcome, Site } from './outcome.js';

/** A param or address after its own variables were resolved. */
export type ArgValue = string | number | boolean | null;

export interface SourceCall {
  /** The source name: `self`, `file`, `ssm`, … */
  type: string;
  /** Undefined when written without parentheses. */
  params?: ArgValue[];
  /** Undefined when written without `:`. */
  address?: string;
  site: Site;
}

export interface ResolveContext {
  readonly options: LoadOptions;
  readonly env: Record<string, string | undefined>;
  /** The service config as written (resolved on demand while walking). */
  readonly configRoot: Node;
  /**
   * Follow `segments` down from `root`, resolving variables on the way.
   * `where` names the document in messages; `configPath` is given when `root` is the service config.
   */
  walk(root: Node, segments: string[], where: string, configPath?: string[]): Outcome;
  /** `--stage` > `provider.stage` > `dev`. */
  stage(): Outcome;
  /** `--region` > `provider.region` > `us-east-1`. */
  region(): Outcome;
  /** Where a `${file()}` path leads (confinement checked), without reading it. */
  locateInclude(relativePath: string): IncludeLocation;
  /** Read a `${file()}` include (confined to the project, cached); `site` locates diagnostics without a span. */
  readInclude(relativePath: string, site: Site): IncludeResult;
}

export type SourceHandler = (call: SourceCall, ctx: ResolveContext) => Outcome;

/** `a.b.0` → `['a', 'b', '0']`; an empty address is the whole document. */
export function addressSegments(address: string | undefined): string[] {
  return address ? address.split('.') : [];
}
