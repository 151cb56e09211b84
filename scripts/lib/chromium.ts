import { ensureProgram } from "./system-package";

/** Debian's Chromium, for Playwright: Playwright's own browser download cannot work offline. */
export function ensureChromium(): string {
  return ensureProgram(
    "chromium",
    "chromium",
    "Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  );
}
