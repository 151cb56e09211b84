import { describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES, requestShapeProblem } from "./request-shape";

describe("requestShapeProblem", () => {
  it.each([["/jobs/%ff"], ["/api/jobs/0000000000job1/files/%zz"], ["/api/jobs/x/files/%c0%ae"], ["/a/%"]])(
    "refuses %j with a 400 naming the bad segment",
    (pathname) => {
      const problem = requestShapeProblem(pathname, null);
      expect(problem?.status).toBe(400);
      expect(problem?.error).toContain(`"${pathname.split("/").at(-1)}" is not valid percent-encoding`);
    },
  );

  it("lets well-formed paths through, encoded or not", () => {
    expect(requestShapeProblem("/jobs/abc/files/plan%20100%25%20%231.txt", null)).toBeUndefined();
    expect(requestShapeProblem("/api/jobs", "120")).toBeUndefined();
  });

  it("refuses a body announced over the limit with a 413 that says the limit", () => {
    const problem = requestShapeProblem("/api/jobs", String(11 * 1024 * 1024));
    expect(problem).toEqual({
      status: 413,
      error: expect.stringContaining("11.0 MB; the dashboard takes at most 1 MB"),
    });
    expect(requestShapeProblem("/api/jobs", String(BODY_LIMIT_BYTES))).toBeUndefined();
  });
});
