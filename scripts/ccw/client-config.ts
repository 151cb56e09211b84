import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

/** Where the client finds the dashboard and its token when CCW_URL and CCW_TOKEN are not set. */
export const CONFIG_FILE = path.join(
  process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), ".config"),
  "ccw",
  "config.json",
);

const configFileSchema = z.strictObject({
  url: z.url({ error: 'url must be the dashboard\'s address, like "http://127.0.0.1:3000"' }).optional(),
  token: z.string().min(1).optional(),
});

export interface ClientConfig {
  url: string;
  token?: string;
}

/** CCW_URL and CCW_TOKEN, else the config file, else the dashboard on this machine without a token. */
export function readClientConfig(env: NodeJS.ProcessEnv = process.env): ClientConfig {
  let file: z.infer<typeof configFileSchema> = {};
  try {
    const parsed = configFileSchema.safeParse(JSON.parse(readFileSync(CONFIG_FILE, "utf8")));
    if (!parsed.success)
      throw new Error(
        `${CONFIG_FILE}: ${parsed.error.issues[0]?.message ?? "not a config"} (it holds {"url", "token"})`,
      );
    file = parsed.data;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const url = (env.CCW_URL || file.url || "http://127.0.0.1:3000").replace(/\/+$/, "");
  const token = env.CCW_TOKEN || file.token;
  return token ? { url, token } : { url };
}
