/**
 * A role's statements grouped by where they come from (written in provider, in the function,
 * inherited from provider, granted by the Framework, from resources, role template), in the
 * order the `roles` reports list them.
 */
import type { StatementModel } from '../synthesize/model.js';

export type StatementGroupKind = 'provider' | 'function' | 'inherited' | 'auto' | 'resources' | 'template';

const GROUP_ORDER: StatementGroupKind[] = ['provider', 'function', 'inherited', 'auto', 'resources', 'template'];

const GROUP_TITLE: Record<StatementGroupKind, string> = {
  provider: 'written in provider',
  function: 'written in the function',
  inherited: 'inherited from provider',
  auto: 'granted by the Framework',
  resources: 'from resources',
  template: 'role template',
};

export interface StatementGroup {
  kind: StatementGroupKind;
  title: string;
  /** Never empty. */
  statements: StatementModel[];
}

/** The statements grouped by the kind of their provenance, groups in report order, empty ones left out. */
export function groupStatements(statements: readonly StatementModel[]): StatementGroup[] {
  const byKind = new Map<StatementGroupKind, StatementModel[]>();
  for (const s of statements) {
    const kind = s.provenance.kind as StatementGroupKind;
    const list = byKind.get(kind) ?? [];
    list.push(s);
    byKind.set(kind, list);
  }
  return GROUP_ORDER.flatMap((kind) => {
    const list = byKind.get(kind);
    return list ? [{ kind, title: GROUP_TITLE[kind], statements: list }] : [];
  });
}
