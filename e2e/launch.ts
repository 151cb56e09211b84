import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** Runs `npm start`'s launcher with the fake CLI and its own Redis, as a user would, with `env` on top. */
export function launch(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        REDIS_URL: "",
        CLAUDE_BIN: path.join(root, "test/fixtures/fake-claude/claude"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  return { child, output: () => output, exited: new Promise((resolve) => child.once("exit", resolve)) };
}
