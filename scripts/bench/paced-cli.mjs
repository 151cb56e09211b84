// The log figures' CLI: after an init line, prints `lines:N` assistant lines (the last argument is the prompt) at
// `rate:R` per second (0: as fast as it can), each carrying the wall-clock time it was written, then a result.
const prompt = process.argv.at(-1) ?? "";
const lines = Number(/lines:(\d+)/.exec(prompt)?.[1] ?? 100);
const rate = Number(/rate:(\d+)/.exec(prompt)?.[1] ?? 0);
const now = () => performance.timeOrigin + performance.now();
const write = (event) =>
  new Promise((resolve) => {
    if (process.stdout.write(`${JSON.stringify(event)}\n`)) resolve();
    else process.stdout.once("drain", resolve);
  });

await write({
  type: "system",
  subtype: "init",
  cwd: process.cwd(),
  session_id: "bench",
  tools: [],
  mcp_servers: [],
});
const start = now();
for (let n = 1; n <= lines; n++) {
  if (rate > 0) {
    const due = start + (n * 1000) / rate;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await write({
    type: "assistant",
    message: { id: "msg_paced", role: "assistant", content: [{ type: "text", text: `line ${n}` }] },
    session_id: "bench",
    sentAt: now(),
  });
}
await write({
  type: "result",
  subtype: "success",
  is_error: false,
  result: "Done.",
  num_turns: 1,
  session_id: "bench",
});
