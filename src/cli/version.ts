import { packageVersion } from '../config/package.js';

/** `iamlint --version`: the package version, then the IAM catalog the rules use (when it loads). */
export async function versionText(): Promise<string> {
  const lines = [`iamlint ${packageVersion()}`];
  try {
    const { catalogVersion } = await import('../iam/catalog.js');
    const v = catalogVersion();
    lines.push(`IAM catalog: ${v.source} ${v.version} (data of ${v.updatedAt.slice(0, 10)})`);
  } catch {
    // The catalog is optional for --version.
  }
  return `${lines.join('\n')}\n`;
}
