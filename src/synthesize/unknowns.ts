/** Reports about values iamlint cannot know offline: they are left out, never guessed. */
import type { Path } from '../load/node.js';
import type { Sim } from './context.js';
import { isUnknown, type Val } from './plain.js';

/** Statements (or a statement list) iamlint cannot read offline: said once, never guessed. */
export function reportUnknownStatements(sim: Sim, list: Val, base: Path): void {
  const report = (path: Path, text: string) =>
    sim.diagnostics.push({
      code: 'unknown-statements',
      severity: 'warning',
      message: `IAM statements cannot be known offline (${text}); they are left out of the synthesized roles.`,
      path,
    });
  if (isUnknown(list)) report(base, list.text);
  else if (Array.isArray(list)) list.forEach((st, i) => isUnknown(st) && report([...base, i], st.text));
}
