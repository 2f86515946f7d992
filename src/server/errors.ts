/**
 * An error caused by the user's input: shown as is, without a stack trace,
 * with each problem on its own line.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
    /** HTTP status when the error reaches the API: 400 by default, 404 for something not found. */
    readonly status = 400,
    /**
     * A stable word for the refusal (`ended`, `unknown-code`…), sent beside the message so that
     * a client can show its own words in its reader's language (the child's page does).
     */
    readonly reason?: string,
  ) {
    super(message);
    this.name = "UserError";
  }

  override toString(): string {
    return [this.message, ...this.problems.map((p) => `  - ${p}`)].join("\n");
  }
}
