/** Splits a label into lines of at most `max` characters at spaces (a word longer than that stays whole). */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

/** Chart widths: one drawn for wide screens and print, one for phones (CSS shows one of them). */
export const CHART_WIDTHS = { wide: 580, narrow: 340 } as const;
export type ChartVariant = keyof typeof CHART_WIDTHS;
