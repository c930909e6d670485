import type { ReactNode } from "react";

/** One part of the proposal, with the street's note on it when it was returned. */
export function Section({
  title,
  children,
  note,
}: {
  title: string;
  children: ReactNode;
  note?: string;
}) {
  return (
    <section className="card space-y-4">
      <h2 className="text-lg font-semibold">{title}</h2>
      {note ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
          {note}
        </p>
      ) : null}
      {children}
    </section>
  );
}
