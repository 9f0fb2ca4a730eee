import type { ReactNode } from "react";

export interface StatusPageProps {
  /** A short code shown above the title ("404"), or an icon. */
  eyebrow?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Links or buttons: the ways forward. */
  actions?: ReactNode;
}

/**
 * Not found, errors and similar dead ends: calm, in the product's look, with a way out. Plain
 * elements only: the error pages that use it are part of every page's first load.
 */
export function StatusPage({ eyebrow, title, description, actions }: StatusPageProps) {
  return (
    <div className="mx-auto flex w-full max-w-md flex-col items-center justify-center gap-3 px-6 py-16 text-center">
      {eyebrow ? (
        <p className="font-medium font-mono text-muted-foreground text-sm">{eyebrow}</p>
      ) : null}
      <h1 className="font-semibold text-2xl tracking-tight">{title}</h1>
      {description ? <p className="text-muted-foreground text-sm">{description}</p> : null}
      {actions ? <div className="mt-3 flex flex-wrap justify-center gap-2">{actions}</div> : null}
    </div>
  );
}
