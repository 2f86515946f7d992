import { useState } from "react";
import { type FormErrors, noErrors, sortServerErrors } from "./field-errors.ts";

/**
 * A form's sending state: busy while `run` works, and the server's refusal
 * sorted onto `fields` (so "code: …" shows under the code field).
 */
export function useFormAction(fields: readonly string[]) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function run(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setErrors(noErrors);
    try {
      await work();
    } catch (failure) {
      setErrors(sortServerErrors(failure, fields));
    } finally {
      setBusy(false);
    }
  }
  return { busy, errors, run };
}
