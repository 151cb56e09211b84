import { describe, expect, it } from "vitest";
import { workspaceOwnerOf } from "./workspace-owner";

type Placement = { workingDirectory?: string; parentJobId?: string };

function reader(specs: Record<string, Placement>) {
  return async (id: string) => specs[id];
}

describe("workspaceOwnerOf", () => {
  it("is the job itself for a scratch job", async () => {
    expect(await workspaceOwnerOf("a", {}, reader({}))).toEqual({ kind: "scratch", jobId: "a" });
  });

  it("is the first job of a chain of follow-ups", async () => {
    const specs = { b: { parentJobId: "a" }, a: {} };
    expect(await workspaceOwnerOf("c", { parentJobId: "b" }, reader(specs))).toEqual({
      kind: "scratch",
      jobId: "a",
    });
  });

  it("is the chosen directory when the job or its chain has one", async () => {
    expect(await workspaceOwnerOf("a", { workingDirectory: "/srv/repo" }, reader({}))).toEqual({
      kind: "chosen",
      directory: "/srv/repo",
    });
    const specs = { a: { workingDirectory: "/srv/repo" } };
    expect(await workspaceOwnerOf("b", { parentJobId: "a" }, reader(specs))).toEqual({
      kind: "chosen",
      directory: "/srv/repo",
    });
  });

  it("says which job of the chain is gone", async () => {
    const specs = { b: { parentJobId: "a" } };
    expect(await workspaceOwnerOf("c", { parentJobId: "b" }, reader(specs))).toEqual({
      kind: "lost",
      missingJobId: "a",
    });
  });

  it("ends on a chain that loops instead of reading forever", async () => {
    const specs = { a: { parentJobId: "b" }, b: { parentJobId: "a" } };
    expect((await workspaceOwnerOf("a", { parentJobId: "b" }, reader(specs))).kind).toBe("lost");
  });
});
