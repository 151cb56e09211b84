import { describe, expect, it } from "vitest";
import { readTranscript } from "@/test/support/cli-transcripts";
import { lineText } from "./line-text";

describe("lineText", () => {
  const lines = readTranscript("success");

  it("holds what the reader sees: prose, tool names and paths, results", () => {
    const all = lines.map(lineText).join("\n");
    expect(all).toContain("I'll create hello.txt now.");
    expect(all).toContain("Write /home/user/work/hello.txt");
    expect(all).toContain("File created successfully at: /home/user/work/hello.txt");
    expect(all).toContain("Done: I created hello.txt.");
  });

  it("holds none of the JSON around it", () => {
    for (const word of ['"type"', "tool_use_id", "parent_tool_use_id", "uuid", "input_tokens"])
      expect(lines.map(lineText).join("\n")).not.toContain(word);
  });
});
