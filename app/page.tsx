import { Brand } from "@/components/shell/brand";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { AppLink } from "@/components/ui/app-link";
import { Button } from "@/components/ui/button";

const capabilities = [
  {
    title: "One REST API",
    text: "Compute, storage and network resources with predictable endpoints and JSON errors.",
  },
  {
    title: "Safe by default",
    text: "Scoped API keys, idempotent writes, rate-limit headers on every response.",
  },
  {
    title: "A sandbox for everything",
    text: "sk_test_ keys act on separate data that resets daily and is never billed.",
  },
];

/** The public front door: what this is, and the two ways in. Static, so it is instant. */
export default function HomePage() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-14 items-center gap-2 border-b px-4 sm:px-6">
        <Brand />
        <nav aria-label="Main" className="ml-auto flex items-center gap-1">
          <Button asChild variant="ghost" size="sm">
            <a href="/docs">Docs</a>
          </Button>
          <Button asChild variant="ghost" size="sm">
            <AppLink href="/login">Sign in</AppLink>
          </Button>
          <ThemeToggle />
        </nav>
      </header>
      <main
        id="main-content"
        className="mx-auto w-full max-w-5xl flex-1 px-4 py-16 sm:px-6 sm:py-24"
      >
        <div className="max-w-2xl">
          <h1 className="font-semibold text-3xl tracking-tight sm:text-4xl">
            Provision and manage cloud infrastructure through one API.
          </h1>
          <p className="mt-4 text-base text-muted-foreground">
            Create API keys, call <code className="text-foreground">/v1</code> from your CI or SDK,
            and watch usage, billing and rate limits in one dashboard.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Button asChild size="lg">
              <AppLink href="/signup">Create an account</AppLink>
            </Button>
            <Button asChild size="lg" variant="outline">
              <a href="/docs/getting-started">Read the quick start</a>
            </Button>
          </div>
        </div>
        <ul className="mt-16 grid gap-6 sm:grid-cols-3">
          {capabilities.map((item) => (
            <li key={item.title} className="rounded-lg border p-5">
              <h2 className="font-medium">{item.title}</h2>
              <p className="mt-1.5 text-muted-foreground text-sm">{item.text}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
