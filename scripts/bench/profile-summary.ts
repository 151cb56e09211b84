import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

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

/**
 * Where a process spent its CPU, from the V8 profiles `--cpu-prof` wrote into `dir`: the frames with the most self
 * time, and the same by file (node_modules packages by name), as lines to print.
 */
export function summarizeProfiles(dir: string, root: string, top = 12): string[] {
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const name of readdirSync(dir).filter((file) => file.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, index) => {
      const node = nodes.get(id);
      const micros = profile.timeDeltas[index] ?? 0;
      if (!node) return;
      const { functionName, url, lineNumber } = node.callFrame;
      // Waiting is not work: shares are of the time the process was busy.
      if (functionName === "(idle)") return;
      const file = where(url, root);
      const frame = `${functionName || "(anonymous)"} ${file}${url ? `:${lineNumber + 1}` : ""}`;
      self.set(frame, (self.get(frame) ?? 0) + micros);
      byFile.set(file, (byFile.get(file) ?? 0) + micros);
      total += micros;
    });
  }
  const share = (micros: number) => `${((micros / total) * 100).toFixed(1).padStart(5)} %`;
  const rank = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `   CPU by frame (self time, ${(total / 1000).toFixed(0)} ms busy):`,
    ...rank(self).map(([frame, micros]) => `     ${share(micros)}  ${frame}`),
    "   CPU by file or package:",
    ...rank(byFile).map(([file, micros]) => `     ${share(micros)}  ${file}`),
  ];
}

function where(url: string, root: string): string {
  if (!url) return "(native, GC or idle)";
  const file = url.replace(/^file:\/\//, "");
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
  if (packaged) return packaged;
  return file.startsWith(root) ? path.relative(root, file) : file;
}
