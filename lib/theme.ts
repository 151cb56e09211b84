/** The reader's choice of colours, kept in localStorage; "system" follows the operating system's setting. */
export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];
export const THEME_STORAGE_KEY = "ccw-theme";

/**
 * Runs in <head> before the page paints, so a dark page never flashes light. Kept as a string because it must run
 * before React loads.
 */
export const themeScript = `(() => {
  try {
    const theme = localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)}) || "system";
    const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
    document.documentElement.classList.toggle("dark", dark);
    document.documentElement.dataset.theme = theme;
  } catch {}
})();`;
