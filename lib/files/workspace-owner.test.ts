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
      jobId: "a",
    });
    const specs = { a: { workingDirectory: "/srv/repo" } };
    expect(await workspaceOwnerOf("b", { parentJobId: "a" }, reader(specs))).toEqual({
      kind: "chosen",
      directory: "/srv/repo",
      jobId: "a",
    });
  });

  it("is owned by the chain's first job in that directory, a follow-up carrying the directory itself", async () => {
    const specs = {
      b: { workingDirectory: "/srv/repo", parentJobId: "a" },
      a: { workingDirectory: "/srv/repo" },
    };
    expect(
      await workspaceOwnerOf("c", { workingDirectory: "/srv/repo", parentJobId: "b" }, reader(specs)),
    ).toEqual({ kind: "chosen", directory: "/srv/repo", jobId: "a" });
    // With its parent gone, a follow-up's checkout is its own.
    expect(
      await workspaceOwnerOf("c", { workingDirectory: "/srv/repo", parentJobId: "gone" }, reader(specs)),
    ).toEqual({ kind: "chosen", directory: "/srv/repo", jobId: "c" });
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
