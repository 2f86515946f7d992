import { fileURLToPath } from "node:url";

/** The portal's stylesheet and script, served by the portal and copied into exported sites. */
export const PORTAL_ASSETS_DIR = fileURLToPath(new URL("../../portal/assets/", import.meta.url));
