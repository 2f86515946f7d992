import type { PageEnv } from "../context.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { routePath } from "../routes.ts";

/** The release root: sends the reader to the framework's default language (works without script). */
export function RootPage({ env }: { env: PageEnv }) {
  const target = env.href(routePath({ page: "home", lang: env.lang }));
  return (
    <html lang={env.lang} dir={env.dir}>
      <head>
        <meta charSet="utf-8" />
        <meta httpEquiv="refresh" content={`0; url=${target}`} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{env.text(env.fw.title)}</title>
        <link rel="stylesheet" href={env.href("assets/portal.css")} />
      </head>
      <body>
        <main id="main" className="wrap">
          <p>
            <a href={target}>{env.t("redirecting")}</a>
          </p>
        </main>
      </body>
    </html>
  );
}

/**
 * The page for an address that names nothing in this release: the portal's header, navigation and
 * footer around the message, so a reader who followed a broken link can carry on from it.
 */
export function NotFoundPage({ env }: { env: PageEnv }) {
  return (
    <PortalDocument env={env} title={env.t("notFoundTitle")} description={env.t("notFoundBody")} isOffNav>
      <Hero title={env.t("notFoundTitle")} lead={env.t("notFoundBody")} />
      <p className="block">
        <a href={env.href({ page: "home", lang: env.lang })}>{env.t("backHome")}</a>
      </p>
    </PortalDocument>
  );
}
