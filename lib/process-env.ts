/** Next's types declare NODE_ENV always set; a CLI environment rightly lacks it. For spawn and execFile. */
export function asProcessEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return env as NodeJS.ProcessEnv;
}
