/** "1.2s", "3m 04s", "2h 05m": short enough for a table cell. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "5 seconds ago", "yesterday": the exact time goes in a tooltip. */
export function formatRelativeTime(at: number, now: number): string {
  const seconds = Math.round((at - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(seconds, "second");
}

/**
 * How long ago something happened, by a clock that may lag: a page's clock ticks now and then, so a file written since
 * its last tick is "now", never "in 1 second".
 */
export function formatAge(at: number, now: number): string {
  return formatRelativeTime(Math.min(at, now), now);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export function formatCost(usd: number | undefined): string {
  return usd === undefined ? "—" : `$${usd.toFixed(usd < 0.01 ? 4 : 2)}`;
}

/** "1 worker", "2 workers": a count with its noun, never "worker(s)". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
