import type { CommandType } from "~/domain/pitch-machine";

/** The host's commands that are a button (and a key): the rest need a field or a row. */
export type ButtonCommand = Exclude<CommandType, "setOrder" | "unskip" | "reopenScoring">;

export const BUTTONS: Array<{ type: ButtonCommand; key: string; style: string }> = [
  { type: "start", key: "S", style: "btn-primary" },
  { type: "startQa", key: "Q", style: "btn-primary" },
  { type: "openScoring", key: "O", style: "btn-primary" },
  { type: "closeScoring", key: "C", style: "btn-primary" },
  { type: "reveal", key: "R", style: "btn-primary" },
  { type: "next", key: "N", style: "btn-primary" },
  { type: "pause", key: "P", style: "btn-secondary" },
  { type: "resume", key: "P", style: "btn-secondary" },
  { type: "extend", key: "E", style: "btn-secondary" },
  { type: "skip", key: "K", style: "btn-secondary" },
];
