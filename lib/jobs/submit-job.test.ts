import { describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { jobSpecSchema } from "../job-spec";
import { withConfiguredDefaults } from "./submit-job";

const spec = (fields: Record<string, unknown>) => jobSpecSchema.parse({ prompt: "Fix the bug", ...fields });

describe("withConfiguredDefaults", () => {
  it("has a job in a directory of the user's ask before tools run, unless the job or the operator says otherwise", () => {
    const asks = parseConfig({});
    const decides = parseConfig({ TOOL_APPROVALS_IN_DIRECTORIES: "mode" });
    const inDirectory = spec({ workingDirectory: "/home/me/app" });
    expect(withConfiguredDefaults(inDirectory, asks).toolApprovals).toBe("ask");
    expect(withConfiguredDefaults(inDirectory, decides).toolApprovals).toBe("mode");
    expect(
      withConfiguredDefaults(spec({ workingDirectory: "/home/me/app", toolApprovals: "mode" }), asks)
        .toolApprovals,
    ).toBe("mode");
    // A scratch folder holds nothing of the user's: the permission mode decides, as before.
    expect(withConfiguredDefaults(spec({}), asks).toolApprovals).toBeUndefined();
  });
});
