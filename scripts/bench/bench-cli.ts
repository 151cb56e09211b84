import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";

// The CLI both sides of the benchmark run: a shell script, so that starting it costs what a spawn costs and no
// runtime's boot hides the difference between our worker and a bare one. It answers --version as the bundled CLI
// does; for a job it first writes its job id to the benchmark's FIFO (the moment "the CLI started"), then prints a
// run's init and result. A prompt holding "paced" runs paced-cli.mjs instead, for the log figures.

const INIT = JSON.stringify({
  type: "system",
  subtype: "init",
  cwd: "/",
  session_id: "bench",
  model: "claude-bench",
  permissionMode: "acceptEdits",
  tools: [],
  mcp_servers: [],
  claude_code_version: "2.1.332",
});
const ANSWER = JSON.stringify({
  type: "assistant",
  message: { id: "msg_bench", role: "assistant", content: [{ type: "text", text: "Done." }] },
  session_id: "bench",
});
const RESULT = JSON.stringify({
  type: "result",
  subtype: "success",
  is_error: false,
  result: "Done.",
  num_turns: 1,
  duration_ms: 1,
  // As a real run reports them: the worker then records the run in the usage ledger, as it would for real work.
  total_cost_usd: 0.0021,
  usage: { input_tokens: 100, output_tokens: 20 },
  session_id: "bench",
});

/** Writes the script into `dir` and returns its path. */
export function writeBenchCli(dir: string, fifo: string): string {
  const file = path.join(dir, "claude");
  const paced = path.join(import.meta.dirname, "paced-cli.mjs");
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  writeFileSync(
    file,
    `#!/bin/sh
case "$1" in --version) echo "2.1.332 (Claude Code)"; exit 0;; esac
printf '%s\\n' "$CCW_JOB_ID" > ${quote(fifo)}
case "$*" in *paced*) exec ${quote(process.execPath)} ${quote(paced)} "$@";; esac
printf '%s\\n%s\\n%s\\n' ${quote(INIT)} ${quote(ANSWER)} ${quote(RESULT)}
`,
  );
  chmodSync(file, 0o755);
  return file;
}
