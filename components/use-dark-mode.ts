"use client";

import { useSyncExternalStore } from "react";

function subscribe(onChange: () => void): () => void {
  // The theme script and the toggle set the `dark` class on <html>: that class is the one truth of the page's colours.
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

/** Whether the page is dark now, following the reader's toggle and the system's setting as they change. */
export function useDarkMode(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
}
