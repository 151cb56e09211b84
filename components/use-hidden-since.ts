"use client";

import { useEffect, useState } from "react";

/**
 * When the person stopped looking: the time the page was hidden (another tab in front, the window minimised), or
 * undefined while it is in view. The failures after it are the ones they have not seen; looking again clears them.
 */
export function useHiddenSince(): number | undefined {
  const [since, setSince] = useState<number>();
  useEffect(() => {
    const update = () =>
      setSince((previous) => (document.visibilityState === "hidden" ? (previous ?? Date.now()) : undefined));
    update();
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  return since;
}
