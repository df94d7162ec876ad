#!/usr/bin/env node
// oracle-compare.mjs — manual cross-check of `iamlint roles --format cloudformation`
// against the offline Serverless Framework v3 oracle (/work/shared/oracle/sls-roles.sh).
// Not part of the build or CI: it is slow (seconds per service) and needs the oracle
// installed as /work/shared/oracle/README.md says.
//
//   node scripts/oracle-compare.mjs LIST [--out DIR] [--jobs N] [--only SUBSTR] [--rerun] [--verbose]
//
// LIST: one service a line, `#` comments allowed:
//   <path to serverless.yml> [--stage S] [--region R] [--env K=V]... [--with-iam-plugin] [--auto-env]
// `--auto-env` gives every `${env:NAME…}` found in the service folder's YAML files the value
// `env-NAME` (an ARN of a kind guessed from the name when NAME contains ARN); names
// starting with AWS_ or SLS_ are left unset (profiles, regions, stages keep their defaults).
// `--with-iam-plugin` is passed to the oracle only.
// Both tools get the same stage, region and environment (iamlint runs with an otherwise
// empty environment, like the oracle). Outputs are cached in DIR (default
// $TMPDIR/iamlint-oracle-compare) as <slug>.oracle.json / <slug>.iamlint.json; --rerun
// ignores the cache (the cache key is the path only: use --rerun after changing a line's
// options). Prints one line per service (its differences with --verbose) and writes
// DIR/report.json.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..')
const oracleScript = process.env.IAMLINT_ORACLE_SCRIPT ?? '/work/shared/oracle/sls-roles.sh'
const iamlintBin = join(repo, 'bin/iamlint.cjs')

const argv = process.argv.slice(2)
let listFile
let outDir = join(tmpdir(), 'iamlint-oracle-compare')
let jobs = 2
let only
let rerun = false
let verbose = false
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]
  if (a === '--out') outDir = resolve(argv[++i])
  else if (a === '--jobs') jobs = Number(argv[++i])
  else if (a === '--only') only = argv[++i]
  else if (a === '--rerun') rerun = true
  else if (a === '--verbose' || a === '-v') verbose = true
  else listFile = a
}
if (!listFile) {
  console.error('usage: oracle-compare.mjs LIST [--out DIR] [--jobs N] [--only SUBSTR] [--rerun]')
  process.exit(2)
}
mkdirSync(outDir, { recursive: true })

// A plausible value for an unset `${env:NAME}`: ARN-shaped when the name says ARN (kind from the name).
function fakeEnvValue(name) {
  const n = name.toUpperCase()
  const id = `env-${name}`
  if (!/ARN/.test(n)) return id
  if (/STREAM/.test(n)) return `arn:aws:dynamodb:us-east-1:123456789012:table/${id}/stream/2020-01-01T00:00:00.000`
  if (/TABLE/.test(n)) return `arn:aws:dynamodb:us-east-1:123456789012:table/${id}`
  if (/QUEUE|SQS/.test(n)) return `arn:aws:sqs:us-east-1:123456789012:${id}`
  if (/BUCKET/.test(n)) return `arn:aws:s3:::${id.toLowerCase()}`
  if (/SECRET/.test(n)) return `arn:aws:secretsmanager:us-east-1:123456789012:secret:${id}`
  if (/KMS|KEY/.test(n)) return `arn:aws:kms:us-east-1:123456789012:key/${id}`
  return `arn:aws:sns:us-east-1:123456789012:${id}`
}

function parseLine(line) {
  const words = line.match(/"[^"]*"|\S+/g).map((w) => w.replace(/^"|"$/g, ''))
  const svc = { path: resolve(dirname(listFile), words[0]), stage: 'dev', region: 'us-east-1', env: {}, iamPlugin: false, autoEnv: false }
  for (let i = 1; i < words.length; i++) {
    const w = words[i]
    if (w === '--stage') svc.stage = words[++i]
    else if (w === '--region') svc.region = words[++i]
    else if (w === '--env') {
      const [k, ...v] = words[++i].split('=')
      svc.env[k] = v.join('=')
    } else if (w === '--with-iam-plugin') svc.iamPlugin = true
    else if (w === '--auto-env') svc.autoEnv = true
    else throw new Error(`unknown option ${w} in: ${line}`)
  }
  if (svc.autoEnv) {
    const dir = dirname(svc.path)
    for (const f of readdirSync(dir)) {
      if (!/\.(ya?ml|json)$/.test(f)) continue
      let text
      try { text = readFileSync(join(dir, f), 'utf8') } catch { continue }
      for (const m of text.matchAll(/\$\{env:([A-Za-z0-9_]+)/g)) {
        const name = m[1]
        if (name in svc.env || /^(AWS|SLS)_/.test(name)) continue
        svc.env[name] = fakeEnvValue(name)
      }
    }
  }
  svc.slug = svc.path.replace(/^.*\/corpus\//, '').replace(/[^A-Za-z0-9._-]+/g, '_')
  return svc
}

function run(cmd, args, opts) {
  return new Promise((res) => {
    const p = spawn(cmd, args, opts)
    let out = ''
    let err = ''
    p.stdout.on('data', (d) => (out += d))
    p.stderr.on('data', (d) => (err += d))
    p.on('close', (code) => res({ code, out, err }))
  })
}

async function cached(file, fn) {
  if (!rerun && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'))
  const r = await fn()
  writeFileSync(file, JSON.stringify(r, null, 2))
  return r
}

async function runOracle(svc) {
  const args = [svc.path, '--stage', svc.stage, '--region', svc.region]
  for (const [k, v] of Object.entries(svc.env)) args.push('--env', `${k}=${v}`)
  if (svc.iamPlugin) args.push('--with-iam-plugin')
  const r = await run(oracleScript, args, {})
  let json = null
  try { json = r.code === 0 ? JSON.parse(r.out) : null } catch {}
  return { code: r.code, json, err: r.code === 0 ? r.err.slice(0, 2000) : r.err.slice(-6000) }
}

async function runIamlint(svc) {
  const args = [iamlintBin, 'roles', svc.path, '--format', 'cloudformation', '--stage', svc.stage, '--region', svc.region]
  const env = { PATH: process.env.PATH, HOME: tmpdir(), ...svc.env }
  const r = await run(process.execPath, args, { env, cwd: dirname(svc.path) })
  let json = null
  try { json = JSON.parse(r.out) } catch {}
  return { code: r.code, json, err: r.err.slice(0, 6000) }
}

// ---- comparison ----
function canon(v) {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(',')}}`
  return JSON.stringify(v)
}
function multisetDiff(a = [], b = []) {
  const count = new Map()
  for (const x of a) count.set(canon(x), (count.get(canon(x)) ?? 0) + 1)
  const extra = []
  for (const x of b) {
    const k = canon(x)
    if ((count.get(k) ?? 0) > 0) count.set(k, count.get(k) - 1)
    else extra.push(x)
  }
  const missing = []
  const left = new Map(count)
  for (const x of a) {
    const k = canon(x)
    if ((left.get(k) ?? 0) > 0) { missing.push(x); left.set(k, left.get(k) - 1) }
  }
  return { missing, extra }
}

function compareRole(id, o, l, diffs) {
  const keys = new Set([...Object.keys(o), ...Object.keys(l)])
  for (const k of keys) {
    if (k === 'Policies') {
      const op = o.Policies ?? []
      const lp = l.Policies ?? []
      if (op.length !== lp.length) diffs.push({ kind: 'policy-count', role: id, oracle: op.length, iamlint: lp.length })
      for (let i = 0; i < Math.max(op.length, lp.length); i++) {
        const a = op[i] ?? {}
        const b = lp[i] ?? {}
        if (canon(a.PolicyName) !== canon(b.PolicyName)) diffs.push({ kind: 'policy-name', role: id, oracle: a.PolicyName, iamlint: b.PolicyName })
        const as = a.PolicyDocument?.Statement ?? []
        const bs = b.PolicyDocument?.Statement ?? []
        const { missing, extra } = multisetDiff(as, bs)
        for (const s of missing) diffs.push({ kind: 'statement-missing-in-iamlint', role: id, statement: s })
        for (const s of extra) diffs.push({ kind: 'statement-extra-in-iamlint', role: id, statement: s })
        const restA = { ...a.PolicyDocument, Statement: undefined }
        const restB = { ...b.PolicyDocument, Statement: undefined }
        if (canon(restA) !== canon(restB)) diffs.push({ kind: 'policy-document', role: id, oracle: restA, iamlint: restB })
      }
    } else if (k === 'ManagedPolicyArns') {
      const { missing, extra } = multisetDiff(o[k] ?? [], l[k] ?? [])
      for (const s of missing) diffs.push({ kind: 'managed-policy-missing-in-iamlint', role: id, arn: s })
      for (const s of extra) diffs.push({ kind: 'managed-policy-extra-in-iamlint', role: id, arn: s })
      if (!missing.length && !extra.length && canon(o[k]) !== canon(l[k])) diffs.push({ kind: 'managed-policy-order', role: id, oracle: o[k], iamlint: l[k] })
    } else if (canon(o[k]) !== canon(l[k])) {
      diffs.push({ kind: `property:${k}`, role: id, oracle: o[k], iamlint: l[k] })
    }
  }
}

function compare(oj, lj) {
  const diffs = []
  const oRoles = oj.roles ?? {}
  const lRoles = lj.roles ?? {}
  for (const id of Object.keys(oRoles)) if (!(id in lRoles)) diffs.push({ kind: 'role-missing-in-iamlint', role: id })
  for (const id of Object.keys(lRoles)) if (!(id in oRoles)) diffs.push({ kind: 'role-extra-in-iamlint', role: id })
  for (const id of Object.keys(oRoles)) if (id in lRoles) compareRole(id, oRoles[id], lRoles[id], diffs)
  const oF = oj.functions ?? {}
  const lF = lj.functions ?? {}
  for (const f of Object.keys(oF)) if (!(f in lF)) diffs.push({ kind: 'function-missing-in-iamlint', fn: f })
  for (const f of Object.keys(lF)) if (!(f in oF)) diffs.push({ kind: 'function-extra-in-iamlint', fn: f })
  for (const f of Object.keys(oF)) {
    if (!(f in lF)) continue
    if (canon(oF[f].roleLogicalId) !== canon(lF[f].roleLogicalId)) diffs.push({ kind: 'function-roleLogicalId', fn: f, oracle: oF[f].roleLogicalId, iamlint: lF[f].roleLogicalId })
    if (canon(oF[f].role) !== canon(lF[f].role)) diffs.push({ kind: 'function-role', fn: f, oracle: oF[f].role, iamlint: lF[f].role })
  }
  return diffs
}

const services = readFileSync(listFile, 'utf8')
  .split('\n')
  .map((l) => l.replace(/#.*$/, '').trim())
  .filter(Boolean)
  .map(parseLine)
  .filter((s) => !only || s.path.includes(only))

const results = []
let next = 0
async function worker() {
  while (next < services.length) {
    const svc = services[next++]
    const [oracle, iamlint] = await Promise.all([
      cached(join(outDir, `${svc.slug}.oracle.json`), () => runOracle(svc)),
      cached(join(outDir, `${svc.slug}.iamlint.json`), () => runIamlint(svc)),
    ])
    const r = { service: svc.slug, path: svc.path, stage: svc.stage, region: svc.region, env: svc.env, iamPlugin: svc.iamPlugin, oracleCode: oracle.code, iamlintCode: iamlint.code, stubbedPlugins: oracle.json?.stubbedPlugins ?? [] }
    if (oracle.code === 0 && iamlint.json) r.diffs = compare(oracle.json, iamlint.json)
    else if (oracle.code !== 0) r.oracleError = oracle.err.split('\n').filter((l) => /Error|error|ERROR/.test(l)).slice(0, 6).join('\n')
    if (!iamlint.json) r.iamlintError = iamlint.err.slice(0, 1500)
    results.push(r)
    const status = r.diffs ? (r.diffs.length ? `${r.diffs.length} diff(s)` : 'MATCH') : `oracle=${oracle.code} iamlint=${iamlint.code}`
    console.log(`${status.padEnd(14)} ${svc.slug}${r.stubbedPlugins.length ? `  [stubbed: ${r.stubbedPlugins.join(', ')}]` : ''}`)
    if (verbose) {
      for (const d of r.diffs ?? []) console.log('    ' + JSON.stringify(d))
      if (r.oracleError) console.log('    oracle: ' + r.oracleError.replace(/\n/g, '\n    oracle: '))
      if (r.iamlintError) console.log('    iamlint: ' + r.iamlintError.replace(/\n/g, '\n    iamlint: '))
    }
  }
}
await Promise.all(Array.from({ length: jobs }, worker))
results.sort((a, b) => a.service.localeCompare(b.service))
writeFileSync(join(outDir, 'report.json'), JSON.stringify(results, null, 2))
const compared = results.filter((r) => r.diffs)
console.log(`\ncompared ${compared.length}/${results.length}; exact matches ${compared.filter((r) => !r.diffs.length).length}; report: ${join(outDir, 'report.json')}`)
