import { readFileSync } from "node:fs";
import path from "node:path";

/** The Claude CLI version package.json pins: every platform's package has the same one. */
export const BUNDLED_CLI_VERSION = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as {
    optionalDependencies: Record<string, string>;
  }
).optionalDependencies["@anthropic-ai/claude-code-linux-x64"] as string;
