/** One Server-Sent Event, as the EventSource API would deliver it. */
export interface SseEvent {
  /** "message" unless the event names itself. */
  event: string;
  data: string;
  /** The last id seen, this event's or an earlier one's ("" before any): what a reconnect resumes after. */
  lastEventId: string;
}

/**
 * Parses a text/event-stream as it arrives, chunk by chunk, by the WHATWG rules (fields id, event, data and retry;
 * comments; LF, CRLF or CR line ends; a blank line dispatches). The log viewer reads streams with fetch rather than
 * EventSource, which dispatches each event so slowly that a 100,000-line log takes seconds longer to load.
 */
export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private event = "";
  private hasData = false;
  lastEventId = "";
  /** The reconnection delay the server asked for, in ms, if it did. */
  retryMs: number | undefined;

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    let start = 0;
    // One pass over the chunk: a regex walking forward, not a copy of the rest of the buffer per line.
    const lineEnd = /\r\n|\r|\n/g;
    for (let match = lineEnd.exec(this.buffer); match; match = lineEnd.exec(this.buffer)) {
      // A CR at the very end may be half of a CRLF still on its way.
      if (match[0] === "\r" && match.index + 1 === this.buffer.length) break;
      const event = this.line(this.buffer.slice(start, match.index));
      start = match.index + match[0].length;
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === "") {
      const event = this.hasData
        ? { event: this.event || "message", data: this.data.join("\n"), lastEventId: this.lastEventId }
        : undefined;
      this.data = [];
      this.event = "";
      this.hasData = false;
      return event;
    }
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") {
      this.data.push(value);
      this.hasData = true;
    } else if (field === "event") this.event = value;
    else if (field === "id" && !value.includes("\0")) this.lastEventId = value;
    else if (field === "retry" && /^\d+$/.test(value)) this.retryMs = Number(value);
    return undefined;
  }
}
