import { type ReactNode, useMemo, useState } from "react";

export type SortValue = number | string | null;
export type SortDirection = "ascending" | "descending";
export interface SortState {
  key: string;
  direction: SortDirection;
}

/** Compares two cell values; missing values always go last, whatever the direction. */
export function compareValues(a: SortValue, b: SortValue, direction: SortDirection): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
  return direction === "ascending" ? order : -order;
}

/**
 * Sorts `rows` by the column the reader chose. `accessors` maps a column key
 * to the value it sorts on (a number for scores, the display name for text).
 */
export function useSortedRows<R>(
  rows: R[],
  accessors: Record<string, (row: R) => SortValue>,
  initial: SortState,
): { sorted: R[]; sort: SortState; toggle: (key: string, firstDirection?: SortDirection) => void } {
  const [sort, setSort] = useState(initial);
  const accessor = accessors[sort.key];
  const sorted = useMemo(() => {
    if (!accessor) return rows;
    return [...rows].sort((a, b) => compareValues(accessor(a), accessor(b), sort.direction));
  }, [rows, accessor, sort.direction]);
  function toggle(key: string, firstDirection: SortDirection = "descending") {
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === "ascending" ? "descending" : "ascending" }
        : { key, direction: firstDirection },
    );
  }
  return { sorted, sort, toggle };
}

/** A column header that sorts its table; `aria-sort` tells screen readers the current order. */
export function SortHeader({
  label,
  columnKey,
  sort,
  onSort,
  firstDirection,
  className,
}: {
  label: ReactNode;
  columnKey: string;
  sort: SortState;
  onSort: (key: string, firstDirection?: SortDirection) => void;
  firstDirection?: SortDirection;
  className?: string;
}) {
  const isActive = sort.key === columnKey;
  const arrow = isActive ? (sort.direction === "ascending" ? "↑" : "↓") : "↕";
  return (
    <th scope="col" className={className} aria-sort={isActive ? sort.direction : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(columnKey, firstDirection)}>
        {label}
        <span className={`sort-button__arrow${isActive ? " is-active" : ""}`} aria-hidden="true">
          {arrow}
        </span>
      </button>
    </th>
  );
}
