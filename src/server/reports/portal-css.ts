import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** The portal's stylesheet, which reports inline so printing needs no network. */
export const PORTAL_ASSETS_DIR = fileURLToPath(new URL("../../portal/assets/", import.meta.url));

let css: Promise<string> | null = null;

export function portalCss(): Promise<string> {
  css ??= readFile(`${PORTAL_ASSETS_DIR}portal.css`, "utf8");
  return css;
}

/**
 * Makes a portal page self-contained for printing: its stylesheet link is
 * replaced by the stylesheet itself and its script is dropped.
 */
export async function inlinePortalPage(html: string): Promise<string> {
  const style = `<style>${(await portalCss()).replaceAll("</style", "<\\/style")}</style>`;
  return html
    .replace(/<link rel="stylesheet"[^>]*portal\.css"[^>]*>/, () => style)
    .replace(/<script[^>]*portal\.js"[^>]*><\/script>/, "");
}
