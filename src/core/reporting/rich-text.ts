/**
 * The rich text of a report's sections: a small, safe subset written as plain text, so that it
 * diffs in the history, counts its words and exports to DOCX and PDF without HTML:
 *
 *     ## Heading            ### Smaller heading
 *     **bold**  *italic*    [a link](https://example.org)
 *     - a bulleted item     1. a numbered item
 *
 * Paragraphs are separated by a blank line; citation markers `[3]` are plain text. Nothing else is
 * markup: HTML is not part of the subset, and `sanitiseRichText` removes tags before a text is
 * stored, links only to http(s), mailto or a path on this site.
 */

export type Inline =
  | { type: "text"; text: string }
  | { type: "bold"; children: Inline[] }
  | { type: "italic"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "heading"; level: 3 | 4; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] };

/** Is this a link target the subset allows (http, https, mailto, or a path of this site)? */
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)[^\s<>"]+$/i.test(href) || /^\/(?!\/)[^\s<>"]*$/.test(href);
}

const LINK = /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))*)\)/g;

/**
 * The text as it is stored: line ends normalised, HTML tags and comments removed (the content of
 * `script` and `style` elements with them), links to anything but a safe target reduced to their
 * text, control characters dropped.
 */
export function sanitiseRichText(input: string): string {
  return (
    input
      .replace(/\r\n?/g, "\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is removed.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
      .replace(/<!--[\s\S]*?(-->|$)/g, "")
      .replace(/<(script|style|iframe|object|embed|template)\b[\s\S]*?(<\/\1\s*>|$)/gi, "")
      .replace(/<\/?[a-z][^>]*(>|$)/gi, "")
      .replace(LINK, (whole, text: string, href: string) => (isSafeHref(href) ? whole : text))
  );
}

/** The inline marks of one line or paragraph: links, then bold, then italic. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern =
    /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))*)\)|\*\*(.+?)\*\*|(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\*)|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?!\w)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push({ type: "text", text: text.slice(last, m.index) });
    if (m[1] !== undefined) {
      const href = m[2] ?? "";
      if (isSafeHref(href)) out.push({ type: "link", href, children: parseInline(m[1]) });
      else out.push(...parseInline(m[1]));
    } else if (m[3] !== undefined) out.push({ type: "bold", children: parseInline(m[3]) });
    else out.push({ type: "italic", children: parseInline((m[4] ?? m[5])!) });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ type: "text", text: text.slice(last) });
  return out;
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** The blocks of a text: headings, paragraphs (lines joined by a space) and lists. */
export function parseRichText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    let paragraph: string[] = [];
    let list: { ordered: boolean; items: Inline[][] } | null = null;
    const flush = () => {
      if (paragraph.length) blocks.push({ type: "paragraph", children: parseInline(paragraph.join(" ")) });
      if (list) blocks.push({ type: "list", ...list });
      paragraph = [];
      list = null;
    };
    for (const raw of chunk.split("\n")) {
      const line = raw.trimEnd();
      if (!line.trim()) continue;
      const heading = /^(#{2,3})\s+(.*)$/.exec(line);
      const bullet = BULLET.exec(line);
      const numbered = bullet ? null : NUMBERED.exec(line);
      if (heading) {
        flush();
        blocks.push({
          type: "heading",
          level: heading[1]!.length === 2 ? 3 : 4,
          children: parseInline(heading[2]!),
        });
      } else if (bullet || numbered) {
        const ordered = !!numbered;
        if (paragraph.length || (list && list.ordered !== ordered)) flush();
        list ??= { ordered, items: [] };
        list.items.push(parseInline((bullet ?? numbered)![1]!));
      } else if (list && /^\s+/.test(raw)) {
        const items = list.items;
        items[items.length - 1] = [...items[items.length - 1]!, { type: "text", text: ` ${line.trim()}` }];
      } else {
        if (list) flush();
        paragraph.push(line.trim());
      }
    }
    flush();
  }
  return blocks;
}

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

function inlineHtml(nodes: readonly Inline[]): string {
  return nodes
    .map((n) => {
      if (n.type === "text") return escapeHtml(n.text);
      if (n.type === "bold") return `<strong>${inlineHtml(n.children)}</strong>`;
      if (n.type === "italic") return `<em>${inlineHtml(n.children)}</em>`;
      return `<a href="${escapeHtml(n.href)}" rel="noopener noreferrer">${inlineHtml(n.children)}</a>`;
    })
    .join("");
}

/** The text as HTML: only the subset's elements, every character of the text escaped. */
export function richTextToHtml(text: string): string {
  return parseRichText(text)
    .map((b) => {
      if (b.type === "heading") return `<h${b.level}>${inlineHtml(b.children)}</h${b.level}>`;
      if (b.type === "paragraph") return `<p>${inlineHtml(b.children)}</p>`;
      const tag = b.ordered ? "ol" : "ul";
      return `<${tag}>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join("")}</${tag}>`;
    })
    .join("\n");
}

/** The words of inline nodes as plain text (links keep their text, not their address). */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes.map((n) => (n.type === "text" ? n.text : inlineText(n.children))).join("");
}
