import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardExport } from "~/server/dashboard.server";

/** The street's 效果清单 as CSV, XLSX or open-data JSON (`?competition=<id>`). */
export async function loader(args: LoaderFunctionArgs) {
  return dashboardExport(args, "street");
}
