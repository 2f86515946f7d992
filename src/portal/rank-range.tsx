/* Shared by the portal and the workspace: a rank range that reads the same in every direction. */

/**
 * A range of ranks ("1–3"), isolated left to right: in an Arabic sentence the bidi algorithm
 * would otherwise lay the two numbers and the dash out right to left and show "3–1".
 */
export function RankRange({
  low,
  high,
  format = String,
}: {
  low: number;
  high: number;
  format?: (rank: number) => string;
}) {
  return (
    <bdi dir="ltr" className="rank-range">
      {low === high ? format(low) : `${format(low)}–${format(high)}`}
    </bdi>
  );
}
