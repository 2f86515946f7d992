import type { ReactNode } from "react";
import { bandColorOf } from "../charts/figure.tsx";
import type { PageEnv } from "../context.ts";
import { Hero, PortalDocument } from "../layout.tsx";
import { answerTone, describeAnswer } from "../model/answers.ts";
import { textOn } from "../model/colors.ts";
import { classificationItems, indicatorsUnder, rankedCountries, sectionNodes } from "../model/derive.ts";
import { CountryLink, IndicatorLink, Section } from "../parts.tsx";

interface Column {
  code: string;
  name: string;
  shown: boolean;
}

/** Columns of the compare tables: every country by rank; those not picked are hidden (`?c=` live, the hash with JS). */
function columns(env: PageEnv, picked: string[] | undefined): Column[] {
  const chosen = picked?.length ? new Set(picked.map((c) => c.toUpperCase())) : null;
  return rankedCountries(env).map(({ code, name }) => ({ code, name, shown: !chosen || chosen.has(code) }));
}

function Picker({ env, cols }: { env: PageEnv; cols: Column[] }) {
  return (
    <form className="picker" method="get" action="./" data-compare-picker="">
      <fieldset>
        <legend>{env.t("comparePick")}</legend>
        <div className="picker__list">
          {cols.map((c) => (
            <label key={c.code} className="picker__item">
              <input type="checkbox" name="c" value={c.code.toLowerCase()} defaultChecked={c.shown} />{" "}
              {c.name}
            </label>
          ))}
        </div>
        <div className="picker__actions">
          <button type="submit">{env.t("compareApply")}</button>
          <button type="button" data-compare-all="" hidden>
            {env.t("compareAll")}
          </button>
          <button type="button" data-compare-none="" hidden>
            {env.t("compareNone")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function HeadRow({
  env,
  cols,
  first,
  align,
}: {
  env: PageEnv;
  cols: Column[];
  first: string;
  align: string;
}) {
  return (
    <tr>
      <th scope="col">{first}</th>
      {cols.map((c) => (
        <th key={c.code} scope="col" data-cc={c.code.toLowerCase()} hidden={!c.shown} className={align}>
          <CountryLink env={env} code={c.code} name={c.name} />
        </th>
      ))}
    </tr>
  );
}

/** A table of the compare page: a column per country (hidden when not picked), bodies given as children. */
function CompareTable({
  env,
  cols,
  className,
  scrollClass,
  caption,
  first,
  align,
  children,
}: {
  env: PageEnv;
  cols: Column[];
  className: string;
  scrollClass: string;
  caption: string;
  first: string;
  align: string;
  children: ReactNode;
}) {
  return (
    <div className={scrollClass}>
      <table className={className} data-compare-table="">
        <caption>{caption}</caption>
        <thead>
          <HeadRow env={env} cols={cols} first={first} align={align} />
        </thead>
        {children}
      </table>
    </div>
  );
}

/** The heading row of a group of rows, across every column. */
function GroupRow({ cols, title }: { cols: Column[]; title: string }) {
  return (
    <tr className="group">
      <th scope="colgroup" colSpan={cols.length + 1}>
        {title}
      </th>
    </tr>
  );
}

/** A heat-map cell: the score as text on its band colour. */
function HeatCell({ env, code, item, shown }: { env: PageEnv; code: string; item: string; shown: boolean }) {
  const row = env.idx.score(code, item);
  const color = bandColorOf(env, row?.band);
  return (
    <td
      data-cc={code.toLowerCase()}
      hidden={!shown}
      className="heat"
      style={{ background: color, color: textOn(color) }}
      title={env.text(env.band(row?.band)?.label) || undefined}
    >
      {env.score(row?.score)}
    </td>
  );
}

function Heatmap({ env, cols }: { env: PageEnv; cols: Column[] }) {
  const groups = [
    {
      title: env.t("sectionsHeading"),
      items: sectionNodes(env).map((n) => ({ item: n.code, label: env.text(n.label) })),
    },
    ...(env.fw.classifications.some((c) => c.code === "dimension")
      ? [{ title: env.t("dimensionsHeading"), items: classificationItems(env, "dimension") }]
      : []),
  ];
  return (
    <CompareTable
      env={env}
      cols={cols}
      className="data heatmap"
      scrollClass="table-scroll"
      caption={env.t("heatmapCaption")}
      first={env.t("section")}
      align="center"
    >
      <tbody>
        <tr className="overall">
          <th scope="row">{env.t("overallScore")}</th>
          {cols.map((c) => (
            <HeatCell key={c.code} env={env} code={c.code} item={env.rootNode} shown={c.shown} />
          ))}
        </tr>
      </tbody>
      {groups.map((g) => (
        <tbody key={g.title}>
          <GroupRow cols={cols} title={g.title} />
          {g.items.map((it) => (
            <tr key={it.item}>
              <th scope="row">{it.label}</th>
              {cols.map((c) => (
                <HeatCell key={c.code} env={env} code={c.code} item={it.item} shown={c.shown} />
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </CompareTable>
  );
}

function IndicatorTable({ env, cols }: { env: PageEnv; cols: Column[] }) {
  return (
    <CompareTable
      env={env}
      cols={cols}
      className="data answers-grid"
      scrollClass="table-scroll table-scroll--tall"
      caption={env.t("indicatorTableCaption")}
      first={env.t("indicator")}
      align=""
    >
      {sectionNodes(env).map((section) => {
        const indicators = indicatorsUnder(env, section.code, true);
        if (!indicators.length) return null;
        return (
          <tbody key={section.code}>
            <GroupRow cols={cols} title={env.text(section.label)} />
            {indicators.map((ind) => (
              <tr key={ind.code}>
                <th scope="row">
                  <IndicatorLink env={env} ind={ind} />
                </th>
                {cols.map((c) => {
                  const answer = env.idx.answer(c.code, ind.code);
                  return (
                    <td
                      key={c.code}
                      data-cc={c.code.toLowerCase()}
                      hidden={!c.shown}
                      className={`answer answer--${answerTone(answer)}`}
                    >
                      {describeAnswer(env, ind, answer)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        );
      })}
    </CompareTable>
  );
}

/** The compare page: a country picker, the section/dimension heat map and the indicator-level answers. */
export function ComparePage({ env, picked }: { env: PageEnv; picked: string[] | undefined }) {
  const cols = columns(env, picked);
  return (
    <PortalDocument env={env} title={env.t("compareTitle")} description={env.t("compareLead")}>
      <Hero title={env.t("compareTitle")} lead={env.t("compareLead")} />
      <Picker env={env} cols={cols} />
      <Section id="heatmap" title={env.t("heatmapTitle")}>
        <Heatmap env={env} cols={cols} />
      </Section>
      <Section id="indicators" title={env.t("indicatorTableTitle")}>
        <IndicatorTable env={env} cols={cols} />
      </Section>
    </PortalDocument>
  );
}
