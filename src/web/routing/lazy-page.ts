import { type ComponentType, lazy } from "react";

/**
 * A page loaded with its own JavaScript chunk the first time it is shown, so the first page of a
 * visit does not download the code of every other page. Shown inside the shell's `<Suspense>`,
 * whose fallback (`PageLoading`) holds the page's place while the chunk arrives.
 */
// biome-ignore lint/suspicious/noExplicitAny: the page's props are checked where it is rendered.
export function lazyPage<K extends string, M extends { [P in K]: ComponentType<any> }>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
