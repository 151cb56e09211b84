import { describe, expect, it } from "vitest";
import { reviewPrompt } from "./review-prompt";

describe("reviewPrompt", () => {
  it("quotes each file and line, in file and line order, then the note", () => {
    const prompt = reviewPrompt(
      [
        {
          path: "src/b.ts",
          side: "new",
          line: 3,
          quote: "let x = 1;",
          text: "Name this.\nAnd make it const.",
        },
        { path: "README.md", side: "old", line: 9, quote: "Install with make.", text: "Keep this line." },
        { path: "src/b.ts", side: "new", line: 1, quote: "", text: "Why a blank line?" },
      ],
      "  Then run the tests.  ",
    );
    expect(prompt).toBe(
      [
        "Please address these review comments on your changes:",
        "",
        "1. README.md, line 9 (a line you removed):",
        "   > Install with make.",
        "   Keep this line.",
        "",
        "2. src/b.ts, line 1:",
        "   > (an empty line)",
        "   Why a blank line?",
        "",
        "3. src/b.ts, line 3:",
        "   > let x = 1;",
        "   Name this.",
        "   And make it const.",
        "",
        "Then run the tests.",
      ].join("\n"),
    );
  });

  it("is the note alone when there are no comments", () => {
    expect(reviewPrompt([], "Looks good, now add docs.")).toBe("Looks good, now add docs.");
  });
});
