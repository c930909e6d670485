import { z } from "zod";
import { NEED_SOURCES, NEED_STATUSES } from "~/domain/enums";

const NeedFilterSchema = z.object({
  q: z.string().max(100).optional().catch(undefined),
  community: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(NEED_STATUSES).optional().catch(undefined),
  source: z.enum(NEED_SOURCES).optional().catch(undefined),
});

export function needFilterFrom(url: URL) {
  return NeedFilterSchema.parse(Object.fromEntries(url.searchParams));
}
