"use client";

import { ErrorView } from "@/components/shell/error-view";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="flex min-h-dvh items-center justify-center">
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
