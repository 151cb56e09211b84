"use client";

/** A "job changed" signal of the queue, as /api/events sends it. */
export interface JobChangeSignal {
  jobId?: string;
  event: string;
}

type Listener = (signal: JobChangeSignal) => void;

const listeners = new Set<Listener>();

/** For parts of the page that act on a signal itself, beside the refetches every signal causes. */
export function onJobChangeSignal(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function publishJobChangeSignal(signal: JobChangeSignal): void {
  for (const listener of listeners) listener(signal);
}

const CANCELLED_HERE_KEY = "ccw:cancelled-here";
const CANCELLED_HERE_KEPT = 100;

/** Cancelled from this browser: its end is no news to the person who asked for it. */
export function noteCancelledHere(jobId: string): void {
  const ids = cancelledHere().filter((id) => id !== jobId);
  ids.push(jobId);
  localStorage.setItem(CANCELLED_HERE_KEY, JSON.stringify(ids.slice(-CANCELLED_HERE_KEPT)));
}

export function wasCancelledHere(jobId: string): boolean {
  return cancelledHere().includes(jobId);
}

function cancelledHere(): string[] {
  try {
    const ids = JSON.parse(localStorage.getItem(CANCELLED_HERE_KEY) ?? "[]") as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}
