import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { readForm } from "~/forms/form-data.server";
import { intents } from "~/forms/intent";
import { endSession } from "~/server/auth.server";

/** The header's 退出 button (its only form): an empty post means it too. */
const LogoutSchema = intents([z.object({ intent: z.literal("logout").default("logout") })]);

export function loader() {
  return redirect("/");
}

export async function action(args: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(args.request), { schema: LogoutSchema });
  // No form sends another intent here: a script's mistake, not a resident's.
  invariantResponse(submission.status === "success", "errors.unknownIntent", { status: 400 });
  return endSession(args);
}
