#!/usr/bin/env node
/**
 * Where a CPU profile's time went, for the profiles `POOLGUARD_BENCH_PROFILE=<dir> npm run bench` or `node --cpu-prof`
 * write: busy and garbage-collection time; PoolGuard's share, by the deepest PoolGuard function on each sample's stack
 * (so the checker work a function asks for counts as its own: what it would save to ask less); the functions and files
 * with the most self time; PoolGuard's functions by inclusive time (every sample with the function anywhere on its
 * stack, once); and with `--callers <name>`, the stacks above a function, for a cost that is not PoolGuard's own (file
 * reads, the binder) but may be caused by it. `--within <name>` counts only the samples under that function (one rule's
 * detector); `--excluding <name,name>` drops the samples under those (the shared walk the first rule to run pays for,
 * to see each rule's own cost).
 * Usage: node scripts/profile-breakdown.mjs <file.cpuprofile> [--top N] [--callers <function name>] [--depth N]
 *   [--within <function name>] [--excluding <function name,…>]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const usageLine = 'usage: node scripts/profile-breakdown.mjs <file.cpuprofile> [--top N] [--callers <function name>] [--depth N] [--within <function name>] [--excluding <function name,…>]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, callers: { type: 'string' }, depth: { type: 'string', default: '8' }, within: { type: 'string' }, excluding: { type: 'string' } },
  });
} catch (error) {
  console.error(`profile-breakdown: ${error.message}\n${usageLine}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1 || !fs.existsSync(positionals[0])) {
  console.error(`profile-breakdown: ${positionals.length === 1 ? `no file ${positionals[0]}` : 'one profile file expected'}\n${usageLine}`);
  process.exit(2);
}

const profile = JSON.parse(fs.readFileSync(positionals[0], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
// PoolGuard's build: dist/src of a checkout, or of the installed package (another package's dist/src is not ours).
const isPoolguard = (url) => url.includes('/dist/src/') && (!url.includes('/node_modules/') || url.includes('/node_modules/eslint-plugin-poolguard/'));
const label = ({ functionName, url, lineNumber }) => `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;

const excluded = new Set((values.excluding ?? '').split(',').filter(Boolean));
const selfByFunction = new Map();
const selfByFile = new Map();
const poolguardByFunction = new Map();
const poolguardInclusive = new Map();
const callerStacks = new Map();
let busy = 0;
let garbageCollection = 0;
let poolguard = 0;
let left = 0;
profile.samples.forEach((id, index) => {
  const us = profile.timeDeltas[index] ?? 0;
  const frame = byId.get(id).callFrame;
  if (frame.functionName === '(idle)') return;
  if (values.within !== undefined && findUp(id, (candidate) => candidate.functionName === values.within) === undefined) return;
  if (excluded.size > 0 && findUp(id, (candidate) => excluded.has(candidate.functionName)) !== undefined) {
    left += us;
    return;
  }
  busy += us;
  if (frame.functionName === '(garbage collector)') garbageCollection += us;
  add(selfByFunction, label(frame), us);
  add(selfByFile, frame.url.split('/').slice(-3).join('/') || frame.functionName, us);
  const deepest = findUp(id, (candidate) => isPoolguard(candidate.url));
  if (deepest !== undefined) {
    poolguard += us;
    add(poolguardByFunction, label(byId.get(deepest).callFrame), us);
    const seen = new Set();
    findUp(deepest, (candidate) => {
      if (isPoolguard(candidate.url)) seen.add(label(candidate));
      return false;
    });
    for (const key of seen) add(poolguardInclusive, key, us);
  }
  if (values.callers !== undefined) {
    const found = findUp(id, (candidate) => candidate.functionName === values.callers);
    if (found !== undefined) add(callerStacks, stackAbove(found, Number(values.depth)), us);
  }
});

const top = Number(values.top);
const scope = [values.within !== undefined ? `within ${values.within}` : '', excluded.size > 0 ? `excluding ${ms(left).trim()} under ${[...excluded].join(', ')}` : ''].filter(Boolean).join(', ');
console.log(`${scope ? `${scope}: ` : ''}busy ${ms(busy).trim()}, garbage collection ${ms(garbageCollection).trim()}, PoolGuard (with the work it asks of the compiler) ${ms(poolguard).trim()}`);
printTop('PoolGuard, by the deepest PoolGuard function on the stack', poolguardByFunction, top);
printTop('self time, by function', selfByFunction, top);
printTop('self time, by file', selfByFile, Math.min(top, 15));
printTop('PoolGuard, inclusive: the samples with the function anywhere on the stack', poolguardInclusive, top);
if (values.callers !== undefined) printTop(`stacks above ${values.callers}`, callerStacks, 5);

function findUp(id, matches) {
  for (let current = id; current !== undefined; current = parentOf.get(current)) {
    if (matches(byId.get(current).callFrame)) return current;
  }
  return undefined;
}

function stackAbove(id, depth) {
  const frames = [];
  for (let current = parentOf.get(id); current !== undefined && frames.length < depth; current = parentOf.get(current)) frames.push(label(byId.get(current).callFrame));
  return frames.join('\n            < ');
}

function printTop(title, map, count) {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${ms(us)}  ${key}`);
}
