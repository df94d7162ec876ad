/**
 * `iamlint roles --format mermaid|dot`: who gets what, as a picture. Functions → the role they
 * run with → that role's permissions grouped by where they come from (written in provider, in
 * the function, inherited from provider, granted by the Framework, from resources) and its
 * managed policies. Auto-grants and inherited statements are marked (dashed/dotted, labelled
 * edges), so a reviewer sees at a glance what a function gets without asking for it.
 *
 * Mermaid output is a `flowchart LR` that GitHub renders inside a ```mermaid block; DOT output
 * is for Graphviz. Every label is escaped; node ids are generated (`s0f1`, `s0r0g2`, …).
 */
import type { FunctionModel, ManagedPolicyModel, RoleModel, ServiceModel, StatementModel } from '../synthesize/model.js';
import type { RolesInput, RolesOptions } from './roles.js';
import { roleOf, selectFunctions } from './roles.js';
import { groupStatements } from './statement-groups.js';
import { relativePath } from './sources.js';
import { describeStatement, formatValue } from './values.js';

type Mark = 'auto' | 'inherited' | 'external' | 'dangling' | 'unused' | 'failure';
type NodeKind = 'function' | 'role' | 'permissions' | 'policies' | 'note';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  /** First line is the title. */
  lines: string[];
  mark?: Mark;
}

export interface GraphEdge {
  from: string;
  to: string;
  label?: string;
  mark?: 'auto' | 'inherited';
}

export interface GraphCluster {
  id: string;
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Statements listed per group node before "… and N more". */
const MAX_LINES = 8;
/** Characters of one statement line. */
const MAX_LINE = 96;

const ROLE_KIND: Record<string, string> = {
  shared: 'shared role',
  dedicated: 'dedicated role',
  resource: 'role from resources',
};

function clip(text: string, max = MAX_LINE): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function limited(lines: string[]): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES - 1), `… and ${lines.length - (MAX_LINES - 1)} more`];
}

function autoWhy(s: StatementModel | ManagedPolicyModel): string {
  const p = s.provenance;
  if (p.kind !== 'auto') return '';
  const fns = [...new Set(p.causes.map((c) => c.function).filter((f): f is string => f !== undefined))];
  return fns.length ? `${p.grant} · ${fns.join(', ')}` : p.grant;
}

function statementLine(s: StatementModel): string {
  const text = describeStatement(s.document);
  const why = autoWhy(s);
  return clip(why ? `[${why}] ${text}` : text);
}

function policyName(arn: ManagedPolicyModel['arn']): string {
  const text = formatValue(arn);
  const m = /:policy\/(.+)$/.exec(text);
  return m ? m[1]! : text;
}

function roleNodes(prefix: string, role: RoleModel, cluster: GraphCluster, roleId: string): void {
  let n = 0;
  for (const { kind, title, statements: list } of groupStatements(role.statements)) {
    const id = `${prefix}g${n++}`;
    const mark = kind === 'auto' ? 'auto' : kind === 'inherited' ? 'inherited' : undefined;
    const node: GraphNode = { id, kind: 'permissions', lines: [`${title} (${list.length})`, ...limited(list.map(statementLine))] };
    if (mark) node.mark = mark;
    cluster.nodes.push(node);
    const edge: GraphEdge = { from: roleId, to: id };
    if (mark) {
      edge.mark = mark;
      edge.label = mark === 'auto' ? 'auto-grant' : 'inherited';
    }
    cluster.edges.push(edge);
  }
  if (role.managedPolicies.length) {
    const id = `${prefix}g${n++}`;
    const lines = role.managedPolicies.map((p) => {
      const tag = p.provenance.kind === 'auto' ? ` [${autoWhy(p)}]` : p.provenance.kind === 'inherited' ? ' [inherited]' : '';
      return clip(`${policyName(p.arn)}${tag}`);
    });
    const anyAuto = role.managedPolicies.some((p) => p.provenance.kind === 'auto');
    const node: GraphNode = { id, kind: 'policies', lines: [`managed policies (${lines.length})`, ...limited(lines)] };
    if (anyAuto && role.managedPolicies.every((p) => p.provenance.kind === 'auto')) node.mark = 'auto';
    cluster.nodes.push(node);
    const edge: GraphEdge = { from: roleId, to: id };
    if (node.mark === 'auto') {
      edge.mark = 'auto';
      edge.label = 'auto-grant';
    }
    cluster.edges.push(edge);
  }
  if (!role.statements.length && !role.managedPolicies.length) {
    const id = `${prefix}g${n++}`;
    cluster.nodes.push({ id, kind: 'permissions', lines: ['no permissions'] });
    cluster.edges.push({ from: roleId, to: id });
  }
}

function serviceTitle(m: ServiceModel, cwd: string): string {
  const name = formatValue(m.service) || '(unnamed)';
  return `${relativePath(m.file, cwd)} · service ${name} · ${m.mode === 'perFunction' ? 'perFunction mode' : 'shared mode'}`;
}

function roleLines(role: RoleModel): string[] {
  const lines = [role.logicalId, ROLE_KIND[role.kind] ?? role.kind];
  if (role.permissionsBoundary) lines.push(clip(`boundary ${policyName(role.permissionsBoundary.value)}`));
  return lines;
}

/** The graph of each service (one cluster per service file). */
export function rolesGraph(inputs: readonly RolesInput[], options: RolesOptions = {}): GraphCluster[] {
  const cwd = options.cwd ?? process.cwd();
  return inputs.map((input, si) => {
    const sid = `s${si}`;
    if (!input.model) {
      return {
        id: sid,
        title: relativePath(input.filePath, cwd),
        nodes: [{ id: `${sid}n0`, kind: 'note', lines: ['no roles', clip(input.error ?? 'the service could not be read')], mark: 'failure' }],
        edges: [],
      };
    }
    const m = input.model;
    const cluster: GraphCluster = { id: sid, title: serviceTitle(m, cwd), nodes: [], edges: [] };
    if (m.failure) {
      cluster.nodes.push({ id: `${sid}n0`, kind: 'note', lines: ['the Framework would refuse to package this service', clip(m.failure.message)], mark: 'failure' });
    }
    const fns: FunctionModel[] = selectFunctions(m, options.functions);
    const roleIds = new Map<string, string>();
    const roleIdOf = (role: RoleModel): string => {
      let id = roleIds.get(role.logicalId);
      if (!id) {
        id = `${sid}r${roleIds.size}`;
        roleIds.set(role.logicalId, id);
        const node: GraphNode = { id, kind: 'role', lines: roleLines(role) };
        if (!role.functions.length) {
          node.mark = 'unused';
          node.lines.push('used by no function');
        }
        cluster.nodes.push(node);
        roleNodes(id, role, cluster, id);
      }
      return id;
    };
    fns.forEach((fn, fi) => {
      const fid = `${sid}f${fi}`;
      cluster.nodes.push({ id: fid, kind: 'function', lines: [`λ ${fn.key}`] });
      const role = roleOf(m, fn);
      if (role) {
        cluster.edges.push({ from: fid, to: roleIdOf(role) });
      } else if (fn.roleLogicalId !== null && fn.dangling) {
        const xid = `${sid}x${fi}`;
        cluster.nodes.push({ id: xid, kind: 'role', lines: [fn.roleLogicalId, 'not in this stack'], mark: 'dangling' });
        cluster.edges.push({ from: fid, to: xid });
      } else if (fn.role !== null) {
        const xid = `${sid}x${fi}`;
        cluster.nodes.push({ id: xid, kind: 'role', lines: [clip(formatValue(fn.role), 64), 'external role: policies unknown'], mark: 'external' });
        cluster.edges.push({ from: fid, to: xid });
      }
    });
    if (!options.functions?.length) for (const role of m.roles) if (!role.functions.length) roleIdOf(role);
    if (!fns.length && !m.roles.length && !m.failure) cluster.nodes.push({ id: `${sid}n1`, kind: 'note', lines: ['no functions'] });
    return cluster;
  });
}

// ---------------------------------------------------------------------------------------------
// Mermaid

/** Text inside a quoted Mermaid label: entity codes for every character Mermaid or HTML reads. */
export function escapeMermaid(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#34;')
    .replace(/&/g, '#38;')
    .replace(/</g, '#60;')
    .replace(/>/g, '#62;')
    .replace(/`/g, '#96;')
    .replace(/\|/g, '#124;');
}

function mermaidLabel(lines: string[]): string {
  return `"${lines.map(escapeMermaid).join('<br/>')}"`;
}

function mermaidShape(node: GraphNode): string {
  const label = mermaidLabel(node.lines);
  switch (node.kind) {
    case 'function':
      return `${node.id}([${label}])`;
    case 'role':
      return `${node.id}[[${label}]]`;
    case 'note':
      return `${node.id}>${label}]`;
    default:
      return `${node.id}[${label}]`;
  }
}

const MERMAID_CLASSES = [
  'classDef fn fill:#e8f1ff,stroke:#0969da,color:#0a3069',
  'classDef role fill:#f6f8fa,stroke:#57606a,color:#24292f',
  'classDef perm fill:#ffffff,stroke:#8c959f,color:#24292f',
  'classDef auto fill:#fff8c5,stroke:#9a6700,color:#4d2d00,stroke-dasharray:6 4',
  'classDef inherited fill:#fbefff,stroke:#8250df,color:#3e1f79,stroke-dasharray:2 3',
  'classDef external fill:#ffffff,stroke:#57606a,color:#57606a,stroke-dasharray:2 2',
  'classDef bad fill:#ffebe9,stroke:#cf222e,color:#82071e',
];

function mermaidClass(node: GraphNode): string {
  if (node.mark === 'auto') return 'auto';
  if (node.mark === 'inherited') return 'inherited';
  if (node.mark === 'external' || node.mark === 'unused') return 'external';
  if (node.mark === 'dangling' || node.mark === 'failure') return 'bad';
  if (node.kind === 'function') return 'fn';
  if (node.kind === 'role') return 'role';
  return 'perm';
}

export function formatRolesMermaid(inputs: readonly RolesInput[], options: RolesOptions = {}): string {
  const clusters = rolesGraph(inputs, options);
  const out = ['flowchart LR'];
  const classes = new Map<string, string[]>();
  for (const c of clusters) {
    out.push(`  subgraph ${c.id}[${mermaidLabel([c.title])}]`);
    out.push('    direction LR');
    for (const n of c.nodes) {
      out.push(`    ${mermaidShape(n)}`);
      const cls = mermaidClass(n);
      classes.set(cls, [...(classes.get(cls) ?? []), n.id]);
    }
    for (const e of c.edges) {
      const arrow = e.mark === 'auto' ? '-.->' : e.mark === 'inherited' ? '==>' : '-->';
      out.push(`    ${e.from} ${arrow}${e.label ? `|${escapeMermaid(e.label)}|` : ''} ${e.to}`);
    }
    out.push('  end');
  }
  for (const def of MERMAID_CLASSES) {
    const name = def.split(' ')[1]!;
    const ids = classes.get(name);
    if (!ids?.length) continue;
    out.push(`  ${def}`);
    out.push(`  class ${ids.join(',')} ${name}`);
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Graphviz DOT

/** Text inside a quoted DOT string. */
export function escapeDot(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function dotLabel(lines: string[], leftAlign: boolean): string {
  const esc = lines.map(escapeDot);
  return leftAlign ? `"${esc.join('\\l')}\\l"` : `"${esc.join('\\n')}"`;
}

function dotAttrs(node: GraphNode): string {
  const attrs: string[] = [];
  switch (node.kind) {
    case 'function':
      attrs.push('shape=oval', 'style=filled', 'fillcolor="#e8f1ff"', 'color="#0969da"');
      break;
    case 'role':
      attrs.push('shape=box', 'style="rounded,filled"', 'fillcolor="#f6f8fa"', 'penwidth=1.5');
      break;
    case 'note':
      attrs.push('shape=note', 'style=filled', 'fillcolor="#ffebe9"', 'color="#cf222e"');
      break;
    default:
      attrs.push('shape=box');
  }
  if (node.mark === 'auto') attrs.push('style="dashed,filled"', 'fillcolor="#fff8c5"', 'color="#9a6700"');
  if (node.mark === 'inherited') attrs.push('style="dotted,filled"', 'fillcolor="#fbefff"', 'color="#8250df"');
  if (node.mark === 'external' || node.mark === 'unused') attrs.push('style="dashed"', 'fontcolor="#57606a"');
  if (node.mark === 'dangling') attrs.push('style="filled"', 'fillcolor="#ffebe9"', 'color="#cf222e"');
  const left = node.kind === 'permissions' || node.kind === 'policies';
  return `label=${dotLabel(node.lines, left)}, ${attrs.join(', ')}`;
}

export function formatRolesDot(inputs: readonly RolesInput[], options: RolesOptions = {}): string {
  const clusters = rolesGraph(inputs, options);
  const out = [
    'digraph iamlint_roles {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const c of clusters) {
    out.push(`  subgraph cluster_${c.id} {`);
    out.push(`    label=${dotLabel([c.title], false)};`);
    out.push('    style=rounded;');
    for (const n of c.nodes) out.push(`    ${n.id} [${dotAttrs(n)}];`);
    for (const e of c.edges) {
      const attrs: string[] = [];
      if (e.label) attrs.push(`label=${dotLabel([e.label], false)}`);
      if (e.mark === 'auto') attrs.push('style=dashed', 'color="#9a6700"');
      if (e.mark === 'inherited') attrs.push('style=dotted', 'color="#8250df"');
      out.push(`    ${e.from} -> ${e.to}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
    }
    out.push('  }');
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
