import type { Indicator } from "../../core/index.ts";
import { pickText } from "../i18n/language.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { formatNumberText } from "./number-text.ts";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const checklistWords: Record<string, MessageKey> = {
  yes: "wsYes",
  partially: "wsPartially",
  no: "wsNo",
  na: "wsNotApplicable",
};

/** An answer in words for comparisons and history: "Not applicable (reason)", "12,5 %", "(no answer)". */
export function describeValue(
  indicator: Indicator,
  content: { value: string | number | null; justification: string | null } | null,
  t: Translate,
  lang: string,
): string {
  const value = content?.value ?? null;
  if (value === null || value === "") return t("wsEmptyValue");
  let text: string;
  if (indicator.type === "checklist") {
    const key = checklistWords[String(value)];
    text = key ? t(key) : String(value);
  } else if (indicator.type === "scale") {
    const choice = indicator.scoring.choices.find((c) => c.code === value);
    text = choice ? pickText(choice.label, lang) : String(value);
  } else {
    const unit = indicator.type === "percentage" ? (indicator.unit ?? "%") : (indicator.unit ?? "");
    text = `${formatNumberText(value, lang)}${unit ? ` ${unit}` : ""}`;
  }
  return content?.justification ? `${text} (${content.justification})` : text;
}
