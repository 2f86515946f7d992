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
  ) {
    super(message);
    this.name = "UserError";
  }

  override toString(): string {
    return [this.message, ...this.problems.map((p) => `  - ${p}`)].join("\n");
  }
}
