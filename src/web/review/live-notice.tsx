import { useCallback, useState } from "react";

export interface Notice {
  text: string;
  tone: "ok" | "error";
}

/**
 * A region always present in the page, so screen readers announce the outcome
 * of an action when its text appears (role=status is polite).
 */
export function LiveNotice({ notice }: { notice: Notice | null }) {
  return (
    <div className="rv-live" role="status">
      {notice && <p className={`rv-notice rv-notice--${notice.tone}`}>{notice.text}</p>}
    </div>
  );
}

/** The latest outcome message of a component's actions, with its tone. */
export function useNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const say = useCallback((text: string, tone: Notice["tone"] = "ok") => setNotice({ text, tone }), []);
  const clear = useCallback(() => setNotice(null), []);
  return { notice, say, clear };
}
