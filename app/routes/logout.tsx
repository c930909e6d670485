import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { endSession } from "~/utils/auth.server";

export function loader() {
  return redirect("/");
}

export async function action(args: ActionFunctionArgs) {
  return endSession(args);
}
