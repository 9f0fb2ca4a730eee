"use client";

/**
 * The last resort for a page outside the portal shell. Every page loads this file, so it is
 * plain markup (the dashboard has its own, richer error page inside the shell).
 */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    error && typeof error === "object" && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="font-mono text-muted-foreground">Error</p>
      <h1 className="font-semibold text-2xl">Something went wrong</h1>
      <p className="text-muted-foreground">
        This page could not be shown. Try again; if it keeps happening, contact support
        {digest ? ` and mention reference ${digest}` : ""}.
      </p>
      <div className="mt-3 flex gap-2">
        <button
          type="button"
          onClick={retry}
          className="h-9 rounded-md bg-primary px-4 font-medium text-primary-foreground hover:bg-primary/90"
        >
          Try again
        </button>
        <a href="/" className="inline-flex h-9 items-center rounded-md border px-4 font-medium">
          Go back
        </a>
      </div>
    </main>
  );
}
