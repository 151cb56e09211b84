import { describe, expect, it } from "vitest";
import { jobBranchName } from "./job-branch";

describe("jobBranchName", () => {
  it("is the id's random end and the title as a slug", () => {
    expect(jobBranchName("0mx8ex9ni2805f352", { title: "Fix the login page!", prompt: "…" })).toBe(
      "ccw/2805f352-fix-the-login-page",
    );
  });

  it("takes the prompt's first line when there is no title, folds accents and cuts long ones on a word's edge", () => {
    expect(
      jobBranchName("0mx8ex9ni2805f352", {
        prompt: "Réécris le README en français, avec des exemples pour chaque commande\nsecond line",
      }),
    ).toBe("ccw/2805f352-reecris-le-readme-en-francais-avec-des");
  });

  it("is the id alone when the title has no letters or digits", () => {
    expect(jobBranchName("0mx8ex9ni2805f352", { title: "🚀 !!", prompt: "x" })).toBe("ccw/2805f352");
  });
});
