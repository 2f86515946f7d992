/**
 * What to do instead when the embedded database is held by a running server:
 * the same work through its web app or API, by command (the first words of
 * the command line). Commands absent here have no API counterpart.
 */
const THROUGH_THE_SERVER: Record<string, string> = {
  serve: "Childmark is already running on this data folder: open it in the browser instead.",
  migrate: "The running server applied every migration when it started; nothing to do.",
  "framework list": "The running server lists them: GET /api/frameworks (no sign-in needed).",
  "framework export": "The running server gives a version as JSON: GET /api/frameworks/{id}.",
  "data import":
    "Import answers through the running server instead: the assessment's Import button in the web app, or POST /api/assessments/{id}/import.",
  publish:
    "Publish through the running server instead: /admin/releases in the web app, or POST /api/cycles/{id}/releases.",
  "releases list": "The running server lists them: GET /api/releases (signed in).",
  "recommendations import":
    "Import through the running server instead: /recommendations/import in the web app, or POST /api/recommendations/imports.",
  "notify-deadlines": "The running server already sends deadline reminders every hour.",
  "user create": "Invite the person through the running server instead: /admin/invitations in the web app.",
};

/** The hint for a command line (`process.argv.slice(2)`), or undefined when there is none. */
export function hintThroughServer(args: readonly string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith("-"));
  return THROUGH_THE_SERVER[words.slice(0, 2).join(" ")] ?? THROUGH_THE_SERVER[words[0] ?? ""];
}
