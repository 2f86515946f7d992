/** Longest display name kept, extension included. */
const MAX_NAME = 150;

/**
 * A safe display name for an uploaded file: no folder parts (`../`, `C:\`),
 * no control or bidirectional-override characters, none of `<>:"/\|?*`, no
 * leading dots, at most 150 characters with the extension kept. The name is
 * only ever shown and sent in headers; files are stored under a random id.
 */
export function sanitiseFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  let name = base
    .normalize("NFC")
    .replace(/[\t\n\v\f\r]/g, " ")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "");
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
  if (name.length > MAX_NAME) name = `${name.slice(0, MAX_NAME - ext.length).trimEnd()}${ext}`;
  if (!name || name === ext) name = `file${ext}`;
  return name;
}

/** The name's extension in lower case, with its dot (`.pdf`), or "" when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}
