"use client";

import { ErrorView } from "@/components/shell/error-view";

/** Inside the shell, so the navigation stays usable when one page fails. */
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} homeHref="/dashboard" />;
}
