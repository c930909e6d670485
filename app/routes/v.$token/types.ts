/** What the voting page shows: shared by its loader, its action and its steps. */
import type { SubmissionResult } from "@conform-to/react";
import type { BallotInfo } from "~/models/ballot.server";

export type View =
  | {
      kind: "refused";
      reason: "unknown" | "void" | "notYet" | "closed" | "throttled";
      opensAt?: string | null;
    }
  | { kind: "receipt"; receipt: string; already: boolean; slug: string }
  | { kind: "ballot"; ballot: PublicBallot; checkCode: string };

export type PublicBallot = Omit<BallotInfo, "opensAt" | "closesAt"> & {
  opensAt: string | null;
  closesAt: string | null;
};

/** The action's answer: the ballot again (with its refusal), the confirmation, or a refusal. */
export type StepData =
  | { step: "choose"; choices: number[]; result: SubmissionResult<string[]> | null }
  | { step: "confirm"; choices: number[] }
  | { step: "refused"; view: View };
