import type { Diagnostic, Node, Plain, Unknown } from './node.js';

/** Settings that decide how variables resolve; from CLI flags and the config's `settings`. */
export interface LoadOptions {
  /** `--stage`; else `provider.stage`; else `dev`. */
  stage?: string;
  /** `--region`; else `provider.region`; else `us-east-1`. */
  region?: string;
  /** Value of `${aws:accountId}` / `AWS::AccountId`; otherwise a symbolic id. */
  accountId?: string;
  /** Extra `${param:…}` values (win over the file's `params:`). */
  params?: Record<string, string>;
  /** Values for `${env:…}`; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** `${file()}` never reads outside this folder (default: the service file's folder). */
  projectRoot?: string;
  /** Files larger than this are refused with a diagnostic (default 5 MiB). */
  maxFileBytes?: number;
}

/** One file as read from disk: its text (for snippets and comment directives) and line starts. */
export interface SourceFile {
  file: string;
  text: string;
}

/** A parsed YAML/JSON file: its single document's tree, or diagnostics saying why there is none. */
export interface ParsedFile {
  file: string;
  /** Undefined when the file could not be parsed into exactly one document. */
  root?: Node;
  /** Documents in the file (`---`-separated); 0 for an empty file. `root` is the first one's. */
  documentCount: number;
  diagnostics: Diagnostic[];
  source: SourceFile;
}

/** A service after variable resolution: the input of `synthesize`. */
export interface ResolvedService {
  /** Absolute path of serverless.yml/yaml/json. */
  file: string;
  /** Folder of the service file; `${file()}` paths are relative to it. */
  dir: string;
  projectRoot: string;
  /** Resolved tree: variables replaced by the nodes they point at (spans where those were written). */
  tree: Node;
  /** `toPlain(tree)`. */
  config: { [key: string]: Plain };
  /**
   * `--stage` > `provider.stage` (resolved) > `dev`. An `Unknown` when `provider.stage` cannot be
   * resolved offline (e.g. `${opt:stage}` without `--stage`): never its source text as a name.
   */
  stage: string | Unknown;
  /** `--region` > `provider.region` (resolved) > `us-east-1`; an `Unknown` like `stage`. */
  region: string | Unknown;
  /** Every file read (the service file first, then includes), for snippets and directives. */
  sources: Map<string, SourceFile>;
  diagnostics: Diagnostic[];
}
