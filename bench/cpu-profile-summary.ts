/**
 * Summarises a V8 CPU profile (node --cpu-prof) by self time: the top functions and the top files
 * or packages, so "where does the time go" fits on one screen.
 *
 *   node --cpu-prof --cpu-prof-dir=bench/output/profile dist-bench/bench/ingest-throughput.js --records 100000
 *   node dist-bench/bench/cpu-profile-summary.js bench/output/profile [--top 25]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { numberFlag, parseFlags } from './harness.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function latestProfile(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(path, name))
    .sort((left, right) => statSync(left).mtimeMs - statSync(right).mtimeMs);
  if (files.length === 0) throw new Error(`no .cpuprofile in ${path}`);
  return files[files.length - 1];
}

/** 'node_modules/typeorm/…' → 'typeorm'; project files keep their path below dist-bench. */
function owner(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return `pkg:${packageMatch[1]}`;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/.*/, 'node:internal');
  return url.replace(/^file:\/\//, '').replace(/.*\/dist-bench\//, '').replace(/.*\/dist\//, '');
}

function main(): void {
  const flags = parseFlags(process.argv.slice(2));
  const target = process.argv.slice(2).find((argument) => !argument.startsWith('--')) ?? 'bench/output/profile';
  const top = numberFlag(flags, 'top', 25);
  const file = latestProfile(target);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let total = 0;
  for (const [id, microseconds] of selfTime) {
    const { callFrame } = nodes.get(id)!;
    const where = owner(callFrame.url, callFrame.functionName);
    const name = `${callFrame.functionName || '(anonymous)'}  ${where}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + microseconds);
    byOwner.set(where, (byOwner.get(where) ?? 0) + microseconds);
    total += microseconds;
  }
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [name, microseconds] of [...map.entries()].sort((left, right) => right[1] - left[1]).slice(0, top)) {
      console.log(`  ${(microseconds / 1e6).toFixed(2).padStart(8)} s ${((100 * microseconds) / total).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s of samples on the main thread`);
  print(`top ${top} functions by self time`, byFunction);
  print(`top ${top} files / packages by self time`, byOwner);
}

main();
