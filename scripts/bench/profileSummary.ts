import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's code lives: an npm package, a folder of the app, Node itself, or V8's own work. */
function placeOf(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/src\/([^/]+)\//.exec(url);
  if (own) return `app: src/${own[1]}`;
  if (url.startsWith('node:')) return 'node';
  return url ? url : functionName; // (garbage collector), (program), native code
}

/**
 * What a CPU profile (node --cpu-prof) says the process spent its time on: self time by place and
 * by function, idle time left out. `npm run bench -- --profile` prints it for the app.
 */
export function profileSummary(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)!;
    if (frame.functionName === '(idle)') return;
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const place = placeOf(frame.url, frame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  });
  const lines = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([what, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${what}`);
  return [`busy CPU in the profile: ${(total / 1e6).toFixed(1)} s`, 'self time by place:', ...lines(byPlace), 'self time by function:', ...lines(byFunction)].join('\n');
}

/** The newest profile in a folder. */
export function newestProfile(folder: string): string | undefined {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(folder, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}
