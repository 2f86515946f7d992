import { type ChildrenVoiceOut, childrenVoicesOut } from "../../server/api-schemas/children.ts";
import { fetchApi } from "../api/use-api.ts";

/**
 * What children said in published consultations, fetched once per page load for every answer
 * card (a framework has hundreds of indicators; one request serves them all). A failure leaves
 * the cards without it rather than breaking the workspace.
 */
let voices: Promise<ChildrenVoiceOut[]> | null = null;

export function loadChildrenVoices(): Promise<ChildrenVoiceOut[]> {
  voices ??= fetchApi("/api/public/children/voices", childrenVoicesOut).catch(() => {
    voices = null;
    return [];
  });
  return voices;
}
