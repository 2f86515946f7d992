import { useState } from "react";

export interface ActionMessage {
  ok: boolean;
  text: string;
}

/**
 * A user action sent to the server: `busy` while it runs, then a message, the
 * given success text or the error's own words. `run` resolves to whether it worked.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionMessage | null>(null);
  async function run(action: () => Promise<string>): Promise<boolean> {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await action() });
      return true;
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, message, setMessage, run };
}
