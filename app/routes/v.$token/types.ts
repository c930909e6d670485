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
  | {
      step: "choose";
      choices: number[];
      result: SubmissionResult<string[]> | null;
      evaluation?: EvaluationFields;
    }
  | { step: "confirm"; choices: number[]; evaluation?: EvaluationFields }
  | { step: "refused"; view: View };

/** 效果共评: what the resident rated (rating mode) and wrote, carried between the steps. */
export interface EvaluationFields {
  ratings: Array<{ proposalId: number; rating: number }>;
  comments: Array<{ proposalId: number; body: string }>;
}
