/** One file's unified diff, as `git diff` writes it: header lines, then hunks. */
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

interface Hunk {
  /** The first line of each side the hunk holds; a side with none names the line before it, as git does. */
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  section: string;
  lines: string[];
}

function parsePatch(patch: string): { header: string[]; hunks: Hunk[] } {
  const lines = patch.endsWith("\n") ? patch.slice(0, -1).split("\n") : patch.split("\n");
  const header: string[] = [];
  const hunks: Hunk[] = [];
  for (const line of lines) {
    const start = HUNK_HEADER.exec(line);
    if (start) {
      hunks.push({
        oldStart: Number(start[1]),
        oldCount: Number(start[2] ?? 1),
        newStart: Number(start[3]),
        newCount: Number(start[4] ?? 1),
        section: start[5] ?? "",
        lines: [],
      });
    } else if (hunks.length > 0) {
      (hunks[hunks.length - 1] as Hunk).lines.push(line);
    } else {
      header.push(line);
    }
  }
  return { header, hunks };
}

function hunkText(oldStart: number, newStart: number, section: string, lines: string[]): string {
  let oldCount = 0;
  let newCount = 0;
  for (const line of lines) {
    if (line.startsWith("-") || line.startsWith(" ")) oldCount++;
    if (line.startsWith("+") || line.startsWith(" ")) newCount++;
  }
  // A side with no lines names the line before the change, as git does.
  const old = oldCount === 0 ? oldStart - 1 : oldStart;
  const added = newCount === 0 ? newStart - 1 : newStart;
  return [`@@ -${old},${oldCount} +${added},${newCount} @@${section}`, ...lines].join("\n");
}

/**
 * A file's diff cut into parts of at most `maxLines` lines of hunks, each a diff of its own (the file's header, then
 * whole hunks, or a long hunk cut into hunks with their own line numbers), so a viewer can draw a 10,000-line change
 * a part at a time. A binary or rename-only diff, with no hunks, is one part.
 */
export function slicePatch(patch: string, maxLines: number): string[] {
  const { header, hunks } = parsePatch(patch);
  if (hunks.length === 0) return [patch];
  const slices: string[] = [];
  let current: string[] = [];
  let currentLines = 0;
  const flush = () => {
    if (current.length > 0) slices.push(`${[...header, ...current].join("\n")}\n`);
    current = [];
    currentLines = 0;
  };
  for (const hunk of hunks) {
    let oldLine = hunk.oldCount === 0 ? hunk.oldStart + 1 : hunk.oldStart;
    let newLine = hunk.newCount === 0 ? hunk.newStart + 1 : hunk.newStart;
    let at = 0;
    while (at < hunk.lines.length) {
      if (currentLines >= maxLines) flush();
      let end = Math.min(hunk.lines.length, at + (maxLines - currentLines));
      // "\ No newline at end of file" belongs to the line before it.
      while (end < hunk.lines.length && hunk.lines[end]?.startsWith("\\")) end++;
      const part = hunk.lines.slice(at, end);
      current.push(hunkText(oldLine, newLine, at === 0 ? hunk.section : "", part));
      currentLines += part.length;
      for (const line of part) {
        if (line.startsWith("-") || line.startsWith(" ")) oldLine++;
        if (line.startsWith("+") || line.startsWith(" ")) newLine++;
      }
      at = end;
    }
  }
  flush();
  return slices;
}

export type PatchSide = "old" | "new";

/** The text of each numbered line a diff shows, on each side: what a review comment quotes. */
export function patchLines(patch: string): Record<PatchSide, Map<number, string>> {
  const sides = { old: new Map<number, string>(), new: new Map<number, string>() };
  for (const hunk of parsePatch(patch).hunks) {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      const text = line.slice(1);
      if (line.startsWith(" ")) {
        sides.old.set(oldLine++, text);
        sides.new.set(newLine++, text);
      } else if (line.startsWith("-")) sides.old.set(oldLine++, text);
      else if (line.startsWith("+")) sides.new.set(newLine++, text);
    }
  }
  return sides;
}
