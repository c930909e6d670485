/** The signed-in partner login and its unit, or a thrown 403/404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUnit } from "~/models/resource.server";
import { requireUser } from "./auth.server";

export async function requirePartner(args: Pick<LoaderFunctionArgs, "request" | "context">) {
  const user = await requireUser(args, { role: "partner" });
  const unitId = user.partnerUnitId;
  if (!unitId) throw new Response("Forbidden", { status: 403 });
  const unit = await getUnit(args.context.services.db, unitId, { withContact: true });
  if (!unit) throw new Response("Forbidden", { status: 403 });
  return { user, unit };
}
