import { describe, expect, it } from "vitest";
import { SseParser } from "./sse-parser";

describe("SseParser", () => {
  it("reads ids, named events, data and retry, skipping comments", () => {
    const parser = new SseParser();
    const events = parser.push(
      'retry: 1000\n\n: keep-alive\n\nid: 1-1\ndata: {"a":1}\n\nid: 1-2\nevent: end\ndata: {}\n\nevent: done\ndata: {}\n\n',
    );
    expect(events).toEqual([
      { event: "message", data: '{"a":1}', lastEventId: "1-1" },
      { event: "end", data: "{}", lastEventId: "1-2" },
      { event: "done", data: "{}", lastEventId: "1-2" },
    ]);
    expect(parser.retryMs).toBe(1000);
  });

  it("joins an event split across chunks anywhere, even inside a CRLF", () => {
    const text = "id: 7-1\r\ndata: first\r\ndata: second\r\n\r\nid: 7-2\rdata: third\r\r\n";
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(events.map((event) => [event.lastEventId, event.data])).toEqual([
        ["7-1", "first\nsecond"],
        ["7-2", "third"],
      ]);
    }
  });

  it("keeps the last id across events that carry none, and ignores an event with no data", () => {
    const parser = new SseParser();
    expect(parser.push("id: 3-1\n\ndata: x\n\n")).toEqual([
      { event: "message", data: "x", lastEventId: "3-1" },
    ]);
  });
});
