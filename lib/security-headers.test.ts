import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, JOB_FILE_POLICY } from "./security-headers";

describe("contentSecurityPolicy", () => {
  it("sandboxes a job's raw files and stderr, whatever their name", () => {
    for (const path of [
      "/api/jobs/abcdefgh/files/page.html",
      "/api/jobs/abcdefgh/files/a/b.svg",
      "/api/jobs/abcdefgh/stderr",
    ])
      expect(contentSecurityPolicy("n", false, path)).toBe(JOB_FILE_POLICY);
    expect(JOB_FILE_POLICY).toMatch(/^sandbox; default-src 'none'/);
  });

  it("lets pages run only this response's scripts, and bull-board its own files", () => {
    expect(contentSecurityPolicy("abc", false, "/jobs/x")).toContain(
      "script-src 'self' 'nonce-abc' 'strict-dynamic';",
    );
    expect(contentSecurityPolicy("abc", true, "/")).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("abc", false, "/admin/queues")).toContain("script-src 'self';");
    for (const path of ["/", "/admin/queues", "/api/jobs"])
      expect(contentSecurityPolicy("abc", false, path)).toContain("frame-ancestors 'none'");
  });
});
