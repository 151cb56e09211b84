"use client";

import { useEffect, useState } from "react";
import { THEME_STORAGE_KEY, type Theme, themes } from "@/lib/theme";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };
const ICONS: Record<Theme, string> = { system: "◐", light: "☀", dark: "☾" };

/** Cycles system → light → dark; the choice is remembered in this browser. */
export function ThemeToggle() {
  // Unknown until mounted: the choice lives in this browser, which the server rendering the page cannot see.
  const [theme, setTheme] = useState<Theme>();
  useEffect(() => {
    // From storage, not from the html element: React may reset the element's attributes when it renders afresh.
    const stored = localStorage.getItem(THEME_STORAGE_KEY) as Theme | null;
    setTheme(stored && themes.includes(stored) ? stored : "system");
  }, []);
  useEffect(() => {
    if (!theme) return;
    const media = matchMedia("(prefers-color-scheme: dark)");
    const apply = () => {
      const dark = theme === "dark" || (theme === "system" && media.matches);
      document.documentElement.classList.toggle("dark", dark);
      document.documentElement.dataset.theme = theme;
    };
    apply();
    media.addEventListener("change", apply);
    return () => media.removeEventListener("change", apply);
  }, [theme]);

  const current = theme ?? "system";
  const next = themes[(themes.indexOf(current) + 1) % themes.length] as Theme;
  return (
    <button
      type="button"
      aria-label={`Theme: ${LABELS[current]}. Switch to ${LABELS[next]}`}
      title={`Theme: ${LABELS[current]}`}
      onClick={() => {
        localStorage.setItem(THEME_STORAGE_KEY, next);
        setTheme(next);
      }}
      className="rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-900"
    >
      <span aria-hidden>{ICONS[current]}</span>
    </button>
  );
}
