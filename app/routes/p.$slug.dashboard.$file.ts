import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardExport } from "~/server/dashboard.server";

/** Open data: the public 效果清单 of a competition with a published result (CSV, XLSX, JSON). */
export async function loader(args: LoaderFunctionArgs) {
  return dashboardExport(args, "public");
}
