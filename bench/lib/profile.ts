// Reads a V8 .cpuprofile (node --cpu-prof): where the samples fell, by function (self time),
// by module, and the inclusive time of the service's own functions.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileOptions {
  top?: number;
  /** Only samples taken this many ms after the profile began (skips start-up and warm-up). */
  fromMs?: number;
}

export interface ProfileLine {
  name: string;
  ms: number;
  /** Share of the busy (non-idle) time, in percent. */
  percent: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  topSelf: ProfileLine[];
  topModules: ProfileLine[];
  /** Inclusive time of functions under src/ (the service's own code). */
  topServiceInclusive: ProfileLine[];
}

function moduleOf(url: string): string {
  if (!url) return '(native / V8)';
  const nodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nodeModules) return nodeModules[1]!;
  if (url.startsWith('node:')) return url;
  const own = /\/((?:src|bench|migrations)\/.*)$/.exec(url);
  return own ? own[1]! : url;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${moduleOf(url)}:${lineNumber + 1}`;
}

export function summarizeProfile(file: string, options: ProfileOptions = {}): ProfileSummary {
  const top = options.top ?? 5;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let elapsedMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    elapsedMs += ms;
    if (elapsedMs >= (options.fromMs ?? 0)) self.set(id, (self.get(id) ?? 0) + ms);
  });
  let idleMs = 0;
  let busyMs = 0;
  const bySelf = new Map<string, number>();
  const byModule = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    bySelf.set(frameName(node), (bySelf.get(frameName(node)) ?? 0) + ms);
    const module = node.callFrame.functionName.startsWith('(')
      ? node.callFrame.functionName
      : moduleOf(node.callFrame.url);
    byModule.set(module, (byModule.get(module) ?? 0) + ms);
  }
  // Inclusive time: each node's subtree, counted once per function along a path.
  const inclusive = new Map<string, number>();
  const walk = (id: number, onPath: Set<string>): number => {
    const node = byId.get(id)!;
    let total = self.get(id) ?? 0;
    const name = frameName(node);
    const own = /^(src|bench)\//.test(moduleOf(node.callFrame.url)) && !onPath.has(name);
    if (own) onPath.add(name);
    for (const child of node.children ?? []) total += walk(child, onPath);
    if (own) {
      onPath.delete(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + total);
    }
    return total;
  };
  walk(profile.nodes[0]!.id, new Set());
  const lines = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((1000 * ms) / busyMs) / 10 }));
  return {
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleMs),
    topSelf: lines(bySelf, top),
    topModules: lines(byModule, top),
    topServiceInclusive: lines(inclusive, 8),
  };
}
