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
  let loading: Promise<M> | undefined;
  const once = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined; // a later render or preload tries again
      throw error;
    });
    return loading;
  };
  return Object.assign(
    lazy(() => once().then((module) => ({ default: module[name] }))),
    {
      /** Starts loading the page's chunk before the page is rendered. */
      preload: () => {
        once().catch(() => undefined);
      },
    },
  );
}

/** Starts loading the chunk of a page made by `lazyPage`; nothing for any other component. */
export function preloadComponent(component: unknown): void {
  (component as { preload?: () => void }).preload?.();
}
