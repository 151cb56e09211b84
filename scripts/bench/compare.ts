import os from "node:os";

/** One figure of ours beside its bare baseline, as the table prints it and the JSON file keeps it. */
export interface Comparison {
  figure: string;
  unit: string;
  ours: number;
  bare: number | null;
  /** ours ÷ bare. */
  ratio: number | null;
  /** The target: a bound on the ratio, on our own figure, or on how far ours exceeds bare ("excess"). */
  target?: { of: "ratio" | "ours" | "excess"; max?: number; min?: number; text: string };
  /** The 1-minute load average before and after the block: a busy machine explains a bad block. */
  load: [number, number];
  note?: string;
}

export function met(comparison: Comparison): boolean | null {
  const { target } = comparison;
  if (!target) return null;
  const value =
    target.of === "ratio"
      ? comparison.ratio
      : target.of === "excess"
        ? comparison.bare === null
          ? null
          : comparison.ours - comparison.bare
        : comparison.ours;
  if (value === null || Number.isNaN(value)) return false;
  return (
    (target.max === undefined || value <= target.max) && (target.min === undefined || value >= target.min)
  );
}

export function loadAverage(): number {
  return Number((os.loadavg()[0] ?? 0).toFixed(2));
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

/**
 * Runs ours and the bare baseline in ABBA order, `rounds` times (ours, bare, bare, ours, …): a machine getting busier
 * or quieter during the block weighs on both alike. Each run returns its samples; they are pooled per side.
 */
export async function interleaved<T>(
  rounds: number,
  ours: () => Promise<T[]>,
  bare: () => Promise<T[]>,
): Promise<{ ours: T[]; bare: T[]; load: [number, number] }> {
  const before = loadAverage();
  const pooled = { ours: [] as T[], bare: [] as T[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (["ours", "bare"] as const) : (["bare", "ours"] as const);
    for (const side of order) pooled[side].push(...(await (side === "ours" ? ours() : bare())));
  }
  return { ...pooled, load: [before, loadAverage()] };
}

function formatNumber(value: number | null): string {
  if (value === null || Number.isNaN(value)) return "—";
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en");
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The table: each figure, ours, bare, the ratio, the target and whether it holds. */
export function formatTable(rows: readonly Comparison[]): string {
  const header = ["figure", "ours", "bare", "ratio", "target", "load", "note"];
  const lines = rows.map((row) => {
    const verdict = met(row);
    return [
      row.figure,
      `${formatNumber(row.ours)} ${row.unit}`,
      row.bare === null ? "—" : `${formatNumber(row.bare)} ${row.unit}`,
      row.ratio === null ? "—" : `${formatNumber(row.ratio)}×`,
      row.target ? `${row.target.text} ${verdict ? "✓ met" : "✗ NOT met"}` : "",
      `${row.load[0]}→${row.load[1]}`,
      row.note ?? "",
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const render = (cells: string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ");
  return [render(header), render(widths.map((width) => "-".repeat(width))), ...lines.map(render)].join("\n");
}
