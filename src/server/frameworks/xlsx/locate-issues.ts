import type { FrameworkIssue } from "../../../core/index.ts";
import { CLASSIFICATION_PREFIX, textColumn } from "./layout.ts";

type Path = readonly (string | number)[];
export type CellLocation = NonNullable<FrameworkIssue["location"]>;

const TEXT_FIELDS = new Set(["label", "description", "text", "guidance", "title"]);

/**
 * Remembers which sheet row each part of the framework was read from, so that
 * an issue found on the JSON path `indicators[13].weight` is shown at the cell
 * it came from: `indicators row 15 column weight`.
 */
export class IssueLocator {
  private readonly rows = new Map<string, CellLocation>();

  constructor(private readonly defaultLanguage: () => string) {}

  /** Records that everything under `path` was read from this row (and column, when one cell). */
  remember(path: Path, location: CellLocation): void {
    this.rows.set(JSON.stringify(path), location);
  }

  /** The cell an issue points at: the closest remembered prefix, with the column named by the rest. */
  locate(path: Path): CellLocation | undefined {
    for (let n = path.length; n >= 0; n--) {
      const found = this.rows.get(JSON.stringify(path.slice(0, n)));
      if (!found) continue;
      if (found.column || n === path.length) return found;
      return { ...found, column: this.columnFor(path.slice(n)) };
    }
    return undefined;
  }

  /** Adds locations to issues that have none. */
  locateAll(issues: FrameworkIssue[]): FrameworkIssue[] {
    return issues.map((issue) => (issue.location ? issue : { ...issue, location: this.locate(issue.path) }));
  }

  private columnFor(rest: Path): string | undefined {
    const [first, second] = rest;
    if (typeof first !== "string") return undefined;
    if (first === "scoring") return typeof second === "string" ? second : undefined;
    if (first === "classifications")
      return typeof second === "string" ? `${CLASSIFICATION_PREFIX}${second}` : undefined;
    if (first === "evidence") {
      if (second === "required") return "evidence_required";
      return textColumn("evidence", typeof rest[2] === "string" ? rest[2] : this.defaultLanguage());
    }
    if (TEXT_FIELDS.has(first))
      return textColumn(first, typeof second === "string" ? second : this.defaultLanguage());
    return first;
  }
}
