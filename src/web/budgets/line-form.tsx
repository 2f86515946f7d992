import { type FormEvent, useState } from "react";
import { z } from "zod";
import type { BudgetLineOut, CountryBudgetsOut } from "../../server/api-schemas/budgets.ts";
import { ApiRequestError, sendApi } from "../api/send-api.ts";
import { useLanguage } from "../i18n/language.tsx";

const list = (text: FormDataEntryValue | null) =>
  String(text ?? "")
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
const amount = (text: FormDataEntryValue | null) => {
  const value = String(text ?? "").trim();
  return value === "" ? null : Number(value);
};
const text = (value: FormDataEntryValue | null) => String(value ?? "").trim();

/**
 * The form of a budget line, new or edited: names, ministry, sector, amounts, its source,
 * and what it is linked to (UNCRC articles, index sections and indicators). The server
 * checks it with the rules of an imported row; a stale version is refused as a conflict.
 */
export function BudgetLineForm({
  country,
  data,
  line,
  onDone,
}: {
  country: string;
  data: CountryBudgetsOut;
  line?: BudgetLineOut;
  onDone: (saved: boolean) => void;
}) {
  const { t, pick } = useLanguage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = line?.id ?? "new";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      fiscalYear: text(form.get("fiscalYear")),
      name: text(form.get("name")),
      nameEn: text(form.get("nameEn")),
      ministry: text(form.get("ministry")),
      programme: text(form.get("programme")) || null,
      sector: text(form.get("sector")),
      cofog: text(form.get("cofog")) || null,
      currency: text(form.get("currency")),
      proposed: amount(form.get("proposed")),
      allocated: amount(form.get("allocated")),
      revised: amount(form.get("revised")),
      executed: amount(form.get("executed")),
      sourceDocument: text(form.get("sourceDocument")) || null,
      sourcePage: text(form.get("sourcePage")) || null,
      sourceUrl: text(form.get("sourceUrl")) || null,
      articles: list(form.get("articles")),
      nodeCodes: list(form.get("nodeCodes")),
      indicatorCodes: list(form.get("indicatorCodes")),
      recommendationIds: line?.recommendationIds ?? [],
    };
    setBusy(true);
    setError(null);
    try {
      if (line) {
        await sendApi(
          "PUT",
          `/api/budgets/lines/${line.id}`,
          { ...body, expectedVersion: line.version },
          z.unknown(),
        );
      } else {
        await sendApi("POST", `/api/budgets/countries/${country}/lines`, body, z.unknown());
      }
      onDone(true);
    } catch (e) {
      setError(
        e instanceof ApiRequestError && e.status === 409
          ? t("bgConflict")
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  }

  const field = (
    name: string,
    label: string,
    value: string | number | null | undefined,
    props: object = {},
  ) => (
    <label>
      {label}
      <input name={name} defaultValue={value ?? ""} {...props} />
    </label>
  );
  return (
    <form
      className="bg-form bg-line-form"
      onSubmit={(e) => void submit(e)}
      aria-label={line ? t("bgEdit") : t("bgAddLine")}
    >
      <div className="bg-grid">
        {field("fiscalYear", t("bgFiscalYear"), line?.fiscalYear, {
          required: true,
          inputMode: "numeric",
          id: `bg-fy-${id}`,
        })}
        {field("name", t("bgName"), line?.name, { required: true })}
        {field("nameEn", t("bgNameEn"), line?.nameEn)}
        {field("ministry", t("bgMinistry"), line?.ministry)}
        {field("programme", t("bgProgramme"), line?.programme)}
        <label>
          {t("bgSector")}
          <select name="sector" defaultValue={line?.sector ?? data.sectors[0]?.key}>
            {data.sectors.map((s) => (
              <option key={s.key} value={s.key}>
                {pick(s.name)}
              </option>
            ))}
          </select>
        </label>
        {field("cofog", t("bgCofog"), line?.cofog)}
        {field("currency", t("bgCurrency"), line?.currency ?? data.currency, {
          required: true,
          maxLength: 3,
        })}
        {(["proposed", "allocated", "revised", "executed"] as const).map((stage) =>
          field(
            stage,
            t(`bg${stage[0]!.toUpperCase()}${stage.slice(1)}` as "bgAllocated"),
            line?.amounts[stage],
            {
              type: "number",
              min: 0,
              step: "any",
            },
          ),
        )}
        {field("sourceDocument", t("bgSourceDocument"), line?.sourceDocument)}
        {field("sourcePage", t("bgSourcePage"), line?.sourcePage)}
        {field("sourceUrl", t("bgSourceUrl"), line?.sourceUrl, { type: "url" })}
        {field("articles", t("bgArticles"), line?.articles.join(", "))}
        {field("nodeCodes", t("bgNodes"), line?.nodeCodes.join(", "))}
        {field("indicatorCodes", t("bgIndicators"), line?.indicatorCodes.join(", "))}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="bg-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("bgSave")}
        </button>
        <button type="button" className="button" onClick={() => onDone(false)}>
          {t("bgCancel")}
        </button>
      </div>
    </form>
  );
}
