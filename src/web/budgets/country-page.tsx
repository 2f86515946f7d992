import { type FormEvent, useState } from "react";
import { z } from "zod";
import {
  type BudgetLineOut,
  type CountryBudgetsOut,
  countryBudgetsOut,
} from "../../server/api-schemas/budgets.ts";
import { sendApi } from "../api/send-api.ts";
import { useApi } from "../api/use-api.ts";
import { useSession } from "../auth/session.tsx";
import { PageTitle } from "../components/page-title.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useLanguage } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { Link } from "../routing/router.tsx";
import { paths } from "../routing/routes.ts";
import { BudgetChart, PerChildChart } from "./budget-chart.tsx";
import { FIGURES, figureKey, formatFigure, formatMoney, formatShare, formulaKey } from "./format.ts";
import { BudgetLineForm } from "./line-form.tsx";
import "./budgets.css";

const BASES = ["current", "constant", "usd"] as const;

/** One country's public investment in children: figures, charts, lines with their sources and links, publishing. */
export function BudgetCountryPage({ country }: { country: string }) {
  const { t, pick, lang } = useLanguage();
  const { user } = useSession();
  const [basis, setBasis] = useState<(typeof BASES)[number]>("current");
  const [sector, setSector] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [lineYear, setLineYear] = useState<string | null>(null);
  // Kept here: publishing reloads the page's data, which remounts the publishing box.
  const [published, setPublished] = useState<string | null>(null);
  const query = `basis=${basis}${sector ? `&sector=${encodeURIComponent(sector)}` : ""}`;
  const state = useApi(user ? `/api/budgets/countries/${country}?${query}` : null, countryBudgetsOut);
  if (user === null) {
    return (
      <p>
        <Link to={paths.signIn(paths.budgetsCountry(country))}>{t("rcSignIn")}</Link>
      </p>
    );
  }
  if (state.status === "loading" || user === undefined) return <Loading />;
  if (state.status === "error") return <ErrorMessage message={state.message} onRetry={state.reload} />;
  const data = state.data;
  const name = pick(data.country.name);
  const unit = basis === "usd" ? "USD" : data.currency;
  const basisLabel = (b: (typeof BASES)[number]) =>
    b === "constant"
      ? data.derived.baseYear && basis === "constant"
        ? t("bgBasis_constant", { year: data.derived.baseYear })
        : t("bgBasis_constantNoYear")
      : t(`bgBasis_${b}` as MessageKey);
  const sectorName = (key: string) => pick(data.sectors.find((s) => s.key === key)?.name) || key;
  const years = data.derived.years;
  const missing = [...new Set(years.flatMap((y) => y.missing))];
  const incomplete = [...new Set(years.flatMap((y) => y.incomplete))];
  const lineYears = [...new Set(data.lines.map((l) => l.fiscalYear))].sort().reverse();
  const shownYear = lineYear ?? lineYears[0] ?? "";
  const shownLines = data.lines.filter((l) => l.fiscalYear === shownYear);
  const done = (saved: boolean) => {
    setEditing(null);
    if (saved) state.reload();
  };

  return (
    <div className="bg-page">
      <p className="bg-crumb">
        <Link to={paths.budgets()}>{t("bgTitle")}</Link>
      </p>
      <PageTitle text={`${name} · ${t("bgTitle")}`}>{name}</PageTitle>
      {data.lines.some((l) => l.isDemo) && <p className="bg-demo">{t("bgDemoNote")}</p>}
      <div className="bg-filters">
        <label>
          {t("bgBasis")}
          <select value={basis} onChange={(e) => setBasis(e.target.value as (typeof BASES)[number])}>
            {BASES.map((b) => (
              <option key={b} value={b}>
                {basisLabel(b)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("bgSector")}
          <select value={sector} onChange={(e) => setSector(e.target.value)}>
            <option value="">{t("bgAllSectors")}</option>
            {data.sectors.map((s) => (
              <option key={s.key} value={s.key}>
                {pick(s.name)}
              </option>
            ))}
          </select>
        </label>
        <p className="bg-downloads">
          {t("bgDownloads")}: <a href={`/api/budgets/countries/${country}/export.xlsx`}>XLSX</a> ·{" "}
          <a href={`/api/budgets/countries/${country}/export.csv`}>CSV</a>
        </p>
        <p className="bg-hint bg-basis-formula" data-testid="basis-formula">
          {t(`bgBasisFormula_${basis}` as MessageKey, { year: data.derived.baseYear ?? "—" })}
        </p>
      </div>

      {years.length === 0 ? (
        <p>{t("bgNoLines")}</p>
      ) : (
        <>
          <section className="bg-card" aria-labelledby="bg-charts">
            <h2 id="bg-charts">{t("bgChartsTitle")}</h2>
            <div className="bg-charts">
              <BudgetChart series={data.derived} unit={unit} />
              <PerChildChart series={data.derived} unit={unit} />
            </div>
            {!sector && Object.keys(data.bySector).length > 1 && (
              <>
                <h3>{t("bgChartSectorsTitle")}</h3>
                <div className="bg-charts">
                  {Object.entries(data.bySector).map(([key, s]) => (
                    <BudgetChart key={key} series={s} title={sectorName(key)} unit={unit} years={years} />
                  ))}
                </div>
              </>
            )}
          </section>
          <section className="bg-card" aria-labelledby="bg-figures">
            <h2 id="bg-figures">{t("bgFiguresTitle")}</h2>
            <div className="bg-scroll">
              <table className="data-table bg-figures">
                <thead>
                  <tr>
                    <th scope="col">{t("bgFiscalYear")}</th>
                    {years.map((y) => (
                      <th key={y.year} scope="col" className="num">
                        {y.fiscalYear}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {(["allocated", "executed"] as const).map((stage) => (
                    <tr key={stage}>
                      <th scope="row">
                        {t(stage === "allocated" ? "bgAllocated" : "bgExecuted")}{" "}
                        {unit && <span className="bg-muted">({unit})</span>}
                      </th>
                      {years.map((y) => (
                        <td key={y.year} className="num">
                          {formatMoney(y.amounts[stage], lang)}
                        </td>
                      ))}
                    </tr>
                  ))}
                  {FIGURES.map((f) => (
                    <tr key={f}>
                      <th scope="row" title={t(formulaKey(f))}>
                        {t(figureKey(f))}
                      </th>
                      {years.map((y) => (
                        <td key={y.year} className="num">
                          {formatFigure(f, y.figures[f], lang)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {missing.length > 0 && (
              <p className="bg-hint">
                {t("bgMissing", { series: missing.map((m) => t(`bgSeries_${m}` as MessageKey)).join(", ") })}
              </p>
            )}
            {incomplete.map((stage) => (
              <p key={stage} className="bg-hint">
                {t("bgIncomplete", {
                  stage: t(`bg${stage[0]!.toUpperCase()}${stage.slice(1)}` as MessageKey),
                })}
              </p>
            ))}
            <details className="bg-formulas">
              <summary>{t("bgFormulas")}</summary>
              <dl>
                {FIGURES.map((f) => (
                  <div key={f}>
                    <dt>{t(figureKey(f))}</dt>
                    <dd>{t(formulaKey(f))}</dd>
                  </div>
                ))}
              </dl>
            </details>
          </section>

          {!sector && Object.keys(data.bySector).length > 1 && (
            <section className="bg-card" aria-labelledby="bg-sectors">
              <h2 id="bg-sectors">{t("bgBySectorTitle")}</h2>
              <div className="bg-scroll">
                <table className="data-table bg-sectors">
                  <thead>
                    <tr>
                      <th scope="col">{t("bgSector")}</th>
                      {years.map((y) => (
                        <th key={y.year} scope="col" className="num">
                          {y.fiscalYear}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(data.bySector).map(([key, s]) => (
                      <tr key={key}>
                        <th scope="row">{sectorName(key)}</th>
                        {years.map((y) => {
                          const at = s.years.find((v) => v.year === y.year);
                          return (
                            <td key={y.year} className="num">
                              {formatMoney(at?.amounts.allocated ?? null, lang)}
                              {at?.figures.shareOfBudget != null && (
                                <span className="bg-muted">
                                  {" "}
                                  · {formatShare(at.figures.shareOfBudget, lang)}
                                </span>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </>
      )}

      <section className="bg-card" aria-labelledby="bg-lines">
        <h2 id="bg-lines">{t("bgLinesTitle")}</h2>
        {lineYears.length > 1 && (
          <div className="bg-filters">
            <label>
              {t("bgFiscalYear")}
              <select value={shownYear} onChange={(e) => setLineYear(e.target.value)}>
                {lineYears.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        <div className="bg-scroll">
          <table className="data-table bg-lines">
            <thead>
              <tr>
                <th scope="col">{t("bgFiscalYear")}</th>
                <th scope="col">{t("bgColLine")}</th>
                <th scope="col">{t("bgSector")}</th>
                <th scope="col" className="num">
                  {t("bgAllocated")}
                </th>
                <th scope="col" className="num">
                  {t("bgExecuted")}
                </th>
                <th scope="col">{t("bgColSource")}</th>
                <th scope="col">{t("bgColLinks")}</th>
                {data.may.edit && <th scope="col">{t("bgEdit")}</th>}
              </tr>
            </thead>
            <tbody>
              {shownLines.map((line) =>
                editing === line.id ? (
                  <tr key={line.id}>
                    <td colSpan={data.may.edit ? 8 : 7}>
                      <BudgetLineForm country={country} data={data} line={line} onDone={done} />
                    </td>
                  </tr>
                ) : (
                  <LineRow
                    key={line.id}
                    line={line}
                    sectorName={sectorName}
                    mayEdit={data.may.edit}
                    onEdit={() => setEditing(line.id)}
                    onRemoved={state.reload}
                  />
                ),
              )}
            </tbody>
          </table>
        </div>
        {data.may.edit &&
          (editing === "new" ? (
            <BudgetLineForm country={country} data={data} onDone={done} />
          ) : (
            <button type="button" className="button" onClick={() => setEditing("new")}>
              {t("bgAddLine")}
            </button>
          ))}
      </section>

      {data.reviews.length > 0 && (
        <ReviewBox country={country} reviews={data.reviews} onMoved={state.reload} />
      )}
      {data.may.publish && (
        <PublishBox
          country={country}
          message={published}
          onPublished={(message) => {
            setPublished(message);
            state.reload();
          }}
        />
      )}
      {data.publications.length > 0 && (
        <section className="bg-card" aria-labelledby="bg-publications">
          <h2 id="bg-publications">{t("bgPublications")}</h2>
          <ul>
            {data.publications.map((p) => (
              <li key={p.slug}>
                v{p.version} · {new Date(p.publishedAt).toLocaleDateString(lang)} · {p.notes} ·{" "}
                <a href={`/api/public/budgets/${p.slug}/budgets.xlsx`}>XLSX</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function LineRow({
  line,
  sectorName,
  mayEdit,
  onEdit,
  onRemoved,
}: {
  line: BudgetLineOut;
  sectorName: (key: string) => string;
  mayEdit: boolean;
  onEdit: () => void;
  onRemoved: () => void;
}) {
  const { t, lang } = useLanguage();
  const links = [
    ...line.articles.map((a) => t("bgArticle", { number: a })),
    ...line.nodeCodes,
    ...line.indicatorCodes,
  ];
  async function remove() {
    if (!window.confirm(t("bgRemoveConfirm"))) return;
    await sendApi(
      "DELETE",
      `/api/budgets/lines/${line.id}?expectedVersion=${line.version}`,
      undefined,
      z.null(),
    );
    onRemoved();
  }
  return (
    <tr>
      <td>{line.fiscalYear}</td>
      <th scope="row">
        <span lang="und" dir="auto">
          {line.name}
        </span>
        {line.nameEn && line.nameEn !== line.name && (
          <span className="bg-muted" lang="en" dir="auto">
            {" "}
            · {line.nameEn}
          </span>
        )}
        <div className="bg-muted" dir="auto">
          {[line.ministry, line.programme].filter(Boolean).join(" · ")}
        </div>
        {line.warnings.map((w) => (
          <span key={w} className="bg-flag">
            {t(`bgWarning_${w}` as MessageKey)}
          </span>
        ))}
      </th>
      <td>{sectorName(line.sector)}</td>
      <td className="num">{formatMoney(line.amounts.allocated, lang)}</td>
      <td className="num">{formatMoney(line.amounts.executed, lang)}</td>
      <td dir="auto">
        {line.sourceUrl ? (
          <a href={line.sourceUrl} rel="noopener noreferrer" target="_blank">
            {line.sourceDocument ?? line.sourceUrl}
          </a>
        ) : (
          line.sourceDocument
        )}
        {line.sourcePage && ` (${t("bgPage", { page: line.sourcePage })})`}
      </td>
      <td>{links.join(", ")}</td>
      {mayEdit && (
        <td className="bg-row-actions">
          <button type="button" className="button button--small" onClick={onEdit}>
            {t("bgEdit")}
          </button>
          <button type="button" className="button button--small" onClick={() => void remove()}>
            {t("bgRemove")}
          </button>
        </td>
      )}
    </tr>
  );
}

/** The review of each fiscal year (as assessments): its state, who moved it last, and the steps this person may take. */
function ReviewBox({
  country,
  reviews,
  onMoved,
}: {
  country: string;
  reviews: CountryBudgetsOut["reviews"];
  onMoved: () => void;
}) {
  const { t, lang } = useLanguage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function step(review: CountryBudgetsOut["reviews"][number], move: string) {
    setBusy(true);
    setError(null);
    try {
      await sendApi(
        "POST",
        `/api/budgets/countries/${country}/reviews/${move}`,
        { fiscalYear: review.fiscalYear, expectedVersion: review.version, note: "" },
        z.object({ state: z.string(), version: z.number() }),
      );
      onMoved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="bg-card" aria-labelledby="bg-review">
      <h2 id="bg-review">{t("bgReviewTitle")}</h2>
      <p className="bg-hint">{t("bgReviewLead")}</p>
      <div className="bg-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("bgFiscalYear")}</th>
              <th scope="col">{t("bgReviewState")}</th>
              <th scope="col">{t("bgReviewLast")}</th>
              <th scope="col">{t("bgReviewSteps")}</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((r) => (
              <tr key={r.fiscalYear}>
                <th scope="row">{r.fiscalYear}</th>
                <td>
                  <span className={`bg-state bg-state--${r.state}`}>
                    {t(`bgReviewState_${r.state}` as MessageKey)}
                  </span>
                </td>
                <td>
                  {r.updatedAt
                    ? `${r.updatedBy ?? "—"} · ${new Date(r.updatedAt).toLocaleDateString(lang)}`
                    : "—"}
                </td>
                <td className="bg-row-actions">
                  {r.moves.map((m) => (
                    <button
                      key={m}
                      type="button"
                      className={
                        m === "validate" || m === "submit"
                          ? "button button--small button--primary"
                          : "button button--small"
                      }
                      disabled={busy}
                      aria-label={`${t(`bgReviewMove_${m}` as MessageKey)} ${r.fiscalYear}`}
                      onClick={() => void step(r, m)}
                    >
                      {t(`bgReviewMove_${m}` as MessageKey)}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function PublishBox({
  country,
  message: published,
  onPublished,
}: {
  country: string;
  message: string | null;
  onPublished: (message: string) => void;
}) {
  const { t } = useLanguage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const notes = String(new FormData(event.currentTarget).get("notes") ?? "");
    setBusy(true);
    try {
      const result = await sendApi(
        "POST",
        `/api/budgets/countries/${country}/publications`,
        { notes },
        z.object({ version: z.number() }),
      );
      onPublished(t("bgPublished", { version: result.version }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="bg-card" aria-labelledby="bg-publish">
      <h2 id="bg-publish">{t("bgPublishTitle")}</h2>
      <p className="bg-hint">{t("bgPublishLead")}</p>
      <form className="bg-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t("bgPublishNotes")}
          <input name="notes" required maxLength={2000} />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("bgPublish")}
        </button>
      </form>
      {published && <p role="status">{published}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
