/** A label's value as Prometheus' text format wants it: backslash, quote and newline escaped. */
function label(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

/**
 * Our counters in Prometheus' text format (0.0.4): jobs by outcome and diagnosis, their durations, cost, tokens and
 * log lines, and the workers online.
 */
export function prometheusText(counters: Record<string, number>, workers: number): string {
  const lines: string[] = [
    "# HELP ccw_jobs_finished_total Jobs that ended, by outcome and diagnosis.",
    "# TYPE ccw_jobs_finished_total counter",
  ];
  for (const [key, value] of Object.entries(counters).sort()) {
    if (!key.startsWith("jobs|")) continue;
    const [, outcome = "", diagnosis = ""] = key.split("|");
    lines.push(
      `ccw_jobs_finished_total{outcome="${label(outcome)}",diagnosis="${label(diagnosis)}"} ${value}`,
    );
  }
  const simple = [
    [
      "ccw_job_duration_seconds_sum",
      "counter",
      "Time finished jobs ran, in all.",
      counters.duration_seconds_sum,
    ],
    [
      "ccw_job_duration_seconds_count",
      "counter",
      "Finished jobs whose time is known.",
      counters.duration_seconds_count,
    ],
    ["ccw_cost_usd_total", "counter", "What finished jobs cost, as the CLI reported it.", counters.cost_usd],
    ["ccw_log_lines_total", "counter", "CLI events finished jobs logged.", counters.log_lines],
  ] as const;
  for (const [name, type, help, value] of simple)
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value ?? 0}`);
  lines.push(
    "# HELP ccw_tokens_total Tokens finished jobs used, by kind.",
    "# TYPE ccw_tokens_total counter",
    `ccw_tokens_total{kind="input"} ${counters["tokens|input"] ?? 0}`,
    `ccw_tokens_total{kind="output"} ${counters["tokens|output"] ?? 0}`,
    "# HELP ccw_workers Workers online now.",
    "# TYPE ccw_workers gauge",
    `ccw_workers ${workers}`,
  );
  return `${lines.join("\n")}\n`;
}
