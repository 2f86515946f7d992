import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

/*
 * A deliberately tiny History API router: four pages do not justify a library.
 * The location lives in the browser; components subscribe to `popstate`, which
 * `navigate` also dispatches so that pushState is observed the same way.
 */

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
}

function readLocation(): string {
  return window.location.pathname + window.location.search;
}

/** The current path and query string; re-renders the caller when it changes. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, readLocation);
  const url = new URL(href, "http://local");
  return { pathname: url.pathname, search: url.searchParams };
}

/** Moves to `to` (path and query) without reloading; `replace` keeps history short for filter changes. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === readLocation()) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
  if (!options.replace) window.scrollTo(0, 0);
}

function isPlainLeftClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** An ordinary link that navigates in-app on a plain click and behaves natively otherwise (new tab…). */
export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    rest.onClick?.(event);
    if (event.defaultPrevented || !isPlainLeftClick(event)) return;
    event.preventDefault();
    navigate(to);
  }
  return <a {...rest} href={to} onClick={onClick} />;
}
