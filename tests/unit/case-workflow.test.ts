// The case workflow table, with worked examples of allowed and refused moves.
import { describe, expect, it } from "vitest";
import { CASE_STATES, nextStates, TRANSITIONS, transitionProblem } from "../../app/modules/exceptions/workflow";

describe("case transitions", () => {
  it("follows the product's workflow: open -> investigating -> waiting on carrier | buyer -> resolved, and reopen", () => {
    expect(transitionProblem("open", "investigating")).toBeNull();
    expect(transitionProblem("investigating", "waiting_on_carrier")).toBeNull();
    expect(transitionProblem("investigating", "waiting_on_buyer")).toBeNull();
    expect(transitionProblem("waiting_on_carrier", "waiting_on_buyer")).toBeNull();
    expect(transitionProblem("waiting_on_buyer", "investigating")).toBeNull();
    expect(transitionProblem("waiting_on_buyer", "resolved")).toBeNull();
    expect(transitionProblem("resolved", "open")).toBeNull();
  });

  it("lets any unresolved case be resolved (the resolve action asks for the code)", () => {
    for (const from of CASE_STATES.filter((s) => s !== "resolved")) expect(transitionProblem(from, "resolved")).toBeNull();
  });

  it("refuses skipping investigation, going back to open, and moving a resolved case anywhere but open", () => {
    expect(transitionProblem("open", "waiting_on_carrier")).toBe(
      "A case cannot go from Open to Waiting on carrier. From Open it can go to: Investigating, Resolved.",
    );
    expect(transitionProblem("investigating", "open")).toBe(
      "A case that is investigating cannot go back to Open. From Investigating it can go to: Waiting on carrier, Waiting on buyer, Resolved.",
    );
    expect(transitionProblem("resolved", "investigating")).toBe(
      "A resolved case can only be reopened (moved back to Open), not moved to Investigating.",
    );
    expect(transitionProblem("waiting_on_buyer", "waiting_on_buyer")).toBe("The case is already waiting on buyer.");
  });

  it("has a refusal message for every pair the table does not list", () => {
    for (const from of CASE_STATES) {
      for (const to of CASE_STATES) {
        const problem = transitionProblem(from, to);
        expect(problem === null, `${from} -> ${to}`).toBe(TRANSITIONS[from].includes(to));
      }
    }
  });

  it("offers only the plain state moves in the state menu (resolve and reopen have their own buttons)", () => {
    expect(nextStates("open")).toEqual(["investigating"]);
    expect(nextStates("investigating")).toEqual(["waiting_on_carrier", "waiting_on_buyer"]);
    expect(nextStates("waiting_on_carrier")).toEqual(["investigating", "waiting_on_buyer"]);
    expect(nextStates("resolved")).toEqual([]);
  });
});
