/**
 * An error caused by the user's input: shown as is, without a stack trace,
 * with each problem on its own line.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = "UserError";
  }

  override toString(): string {
    return [this.message, ...this.problems.map((p) => `  - ${p}`)].join("\n");
  }
}
