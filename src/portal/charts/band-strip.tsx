import type { PageEnv } from "../context.ts";
import { bandCounts } from "../model/derive.ts";
import { bandColorOf } from "./figure.tsx";

/** How many countries are in each band: one stacked bar (no text inside) and an HTML list of counts. */
export function BandStrip({ env, id }: { env: PageEnv; id: string }) {
  const counts = bandCounts(env).filter((c) => c.count > 0);
  const total = counts.reduce((s, c) => s + c.count, 0) || 1;
  const width = 640;
  const label = (code: string | null) => (code ? env.text(env.band(code)?.label) : env.t("noScore"));
  const summary = counts
    .map((c) => `${label(c.code)}: ${env.t("countriesCount", { count: c.count })}`)
    .join("; ");
  const rtl = env.dir === "rtl";
  let at = 0;
  return (
    <>
      <svg
        className="bandstrip"
        viewBox={`0 0 ${width} 28`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={`${id}-t`}
      >
        <title id={`${id}-t`}>{env.t("bandsDesc", { summary })}</title>
        {counts.map((c) => {
          const w = (c.count / total) * width;
          const x = rtl ? width - at - w : at;
          at += w;
          return (
            <rect
              key={c.code ?? "none"}
              x={x}
              y={0}
              width={Math.max(0, w - 2)}
              height={28}
              fill={bandColorOf(env, c.code)}
            />
          );
        })}
      </svg>
      <ul className="legend legend--counts">
        {counts.map((c) => (
          <li key={c.code ?? "none"}>
            <span className="swatch" style={{ background: bandColorOf(env, c.code) }} aria-hidden="true" />
            <strong>{label(c.code)}</strong> {env.t("countriesCount", { count: c.count })}
          </li>
        ))}
      </ul>
    </>
  );
}
