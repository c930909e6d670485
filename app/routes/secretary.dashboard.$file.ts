import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardExport } from "~/server/dashboard.server";

/** The secretary's community's 效果清单 as CSV, XLSX or open-data JSON. */
export async function loader(args: LoaderFunctionArgs) {
  return dashboardExport(args, "secretary");
}
