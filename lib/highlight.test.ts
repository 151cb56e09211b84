import { describe, expect, it } from "vitest";
import { highlightFile } from "./highlight";

describe("highlightFile", () => {
  it("highlights by the file's extension", () => {
    const { html, language } = highlightFile("src/app.ts", "const answer: number = 42;");
    expect(language).toBe("TypeScript");
    expect(html).toContain('<span class="hljs-keyword">const</span>');
  });

  it("escapes markup in files of a known language and of none", () => {
    expect(highlightFile("page.html", "<script>alert(1)</script>").html).not.toContain("<script>");
    const plain = highlightFile("notes.unknownext", '<img src=x onerror=alert(1)> & "quotes"');
    expect(plain.language).toBeNull();
    expect(plain.html).toBe("&#60;img src=x onerror=alert(1)&#62; &#38; &#34;quotes&#34;");
  });

  it("knows files by their whole name", () => {
    expect(highlightFile("Makefile", "all:\n\techo hi").language).toBe("Makefile");
  });
});
