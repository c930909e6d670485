/**
 * Autosave for long forms: after each pause in typing, the whole form goes to the server
 * (a plain fetch to an autosave endpoint, so a failed request never disturbs the page) and to
 * this device's localStorage. If the network is down the local copy
 * stays, the page says so, and the save is retried when the browser is back online.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export type AutosaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  /** The server refused what was typed (not the form's shape): retrying would not help. */
  | { kind: "refused" };

interface LocalCopy {
  savedAt: number;
  entries: Array<[string, string]>;
}

const DELAY_MS = 1500;

function localKey(scope: string) {
  return `roadshow:autosave:${scope}`;
}

export function readLocalCopy(scope: string): LocalCopy | null {
  try {
    const raw = window.localStorage.getItem(localKey(scope));
    return raw ? (JSON.parse(raw) as LocalCopy) : null;
  } catch {
    return null;
  }
}

export function clearLocalCopy(scope: string) {
  try {
    window.localStorage.removeItem(localKey(scope));
  } catch {
    // storage unavailable (private mode): nothing to clear
  }
}

function entriesOf(form: HTMLFormElement): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of new FormData(form)) {
    if (typeof v === "string" && k !== "intent" && !k.startsWith("__")) out.push([k, v]);
  }
  return out;
}

export function useAutosave(options: {
  formId: string;
  scope: string;
  enabled: boolean;
  endpoint: string;
}) {
  const [state, setState] = useState<AutosaveState>({ kind: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const failed = useRef(false);
  const inFlight = useRef<AbortController>();

  const flush = useCallback(async () => {
    const form = document.getElementById(options.formId) as HTMLFormElement | null;
    if (!form || !options.enabled) return;
    const entries = entriesOf(form);
    try {
      window.localStorage.setItem(
        localKey(options.scope),
        JSON.stringify({ savedAt: Date.now(), entries } satisfies LocalCopy),
      );
    } catch {
      // storage full or disabled: the server copy still goes out
    }
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState({ kind: "saving" });
    try {
      const res = await fetch(options.endpoint, {
        method: "POST",
        body: new URLSearchParams(entries),
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (res.status === 400 || res.status === 413) {
        failed.current = false;
        setState({ kind: "refused" });
        return;
      }
      if (!res.ok) throw new Error(String(res.status));
      const data = (await res.json()) as { savedAt: string };
      failed.current = false;
      setState({ kind: "saved", at: data.savedAt });
    } catch {
      if (controller.signal.aborted) return;
      failed.current = true;
      setState({ kind: "offline" });
    }
  }, [options.enabled, options.endpoint, options.formId, options.scope]);

  useEffect(() => {
    const retry = () => {
      if (failed.current) void flush();
    };
    window.addEventListener("online", retry);
    const interval = setInterval(retry, 15_000);
    return () => {
      window.removeEventListener("online", retry);
      clearInterval(interval);
    };
  }, [flush]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = useCallback(() => {
    if (!options.enabled) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DELAY_MS);
  }, [flush, options.enabled]);

  return { state, onChange, flush };
}
