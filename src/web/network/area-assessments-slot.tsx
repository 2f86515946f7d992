import type { z } from "zod";
import type { areaOut } from "../../server/api-schemas/network.ts";

/**
 * The place on the page of a country's areas for its area assessments (which areas are assessed,
 * in which cycle, their progress): shown below the tree and the map shapes. Nothing yet; the
 * assessments of areas fill it.
 */
export function AreaAssessmentsSlot(_props: {
  country: string;
  areas: z.infer<typeof areaOut>[];
  /** Whether the person may manage the country's areas (`network:manage` on the country). */
  canManage: boolean;
}) {
  return null;
}
