import { describe, expect, it } from "vitest";
import { redactUrlCredentials } from "./redact-url";

describe("redactUrlCredentials", () => {
  it.each([
    ["https://user:s3cret@api.example.com/v1", "https://***@api.example.com/v1"],
    ["https://sk-ant-key@api.example.com", "https://***@api.example.com/"],
    ["http://:pw@127.0.0.1:8080", "http://***@127.0.0.1:8080/"],
    ["not a url://user:s3cret@host/x", "not a url://***@host/x"],
  ])("hides the credentials of %j", (url, shown) => {
    expect(redactUrlCredentials(url)).toBe(shown);
    expect(redactUrlCredentials(url)).not.toMatch(/s3cret|sk-ant|pw@/);
  });

  it("leaves a URL without credentials as it was written", () => {
    expect(redactUrlCredentials("https://api.example.com")).toBe("https://api.example.com");
    expect(redactUrlCredentials("http://127.0.0.1:9/path?q=a@b")).toBe("http://127.0.0.1:9/path?q=a@b");
  });
});
