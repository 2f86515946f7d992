/** A minimal iCalendar reader for tests: unfolds lines, splits events, unescapes TEXT values. */
export interface ParsedEvent {
  [property: string]: string;
}

export function parseIcs(text: string): { calendar: Record<string, string>; events: ParsedEvent[] } {
  if (!text.endsWith("\r\n")) throw new Error("iCalendar lines end in CRLF");
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  const calendar: Record<string, string> = {};
  const events: ParsedEvent[] = [];
  let current: ParsedEvent | null = null;
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon < 0) throw new Error(`not a content line: ${line}`);
    const name = line.slice(0, colon);
    const value = line
      .slice(colon + 1)
      .replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT") {
      if (!current) throw new Error("END:VEVENT without BEGIN");
      events.push(current);
      current = null;
    } else if (current) current[name] = value;
    else calendar[name] = value;
  }
  if (calendar.BEGIN !== "VCALENDAR" || calendar.END !== "VCALENDAR") throw new Error("not a VCALENDAR");
  return { calendar, events };
}
