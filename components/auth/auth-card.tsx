import type { ReactNode } from "react";

/** The frame of the sign-in and sign-up pages: title, subtitle, form, and a line below. */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="w-full max-w-sm">
      <div className="rounded-lg border bg-card p-6 text-card-foreground shadow-sm sm:p-8">
        <div className="mb-6 grid gap-1.5">
          <h1 className="font-semibold text-xl tracking-tight">{title}</h1>
          {description ? <p className="text-muted-foreground text-sm">{description}</p> : null}
        </div>
        {children}
      </div>
      {footer ? <p className="mt-5 text-center text-muted-foreground text-sm">{footer}</p> : null}
    </div>
  );
}
