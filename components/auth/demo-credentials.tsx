import { InlineAlert } from "@/components/ui/inline-alert";

/** Development and demo servers only (the page decides): the seeded account to try things with. */
export function DemoCredentials({ email, password }: { email: string; password: string }) {
  return (
    <InlineAlert
      variant="info"
      title="Demo account"
      className="mt-5"
      data-testid="demo-credentials"
    >
      <p>
        Email <code className="font-medium">{email}</code>
        <br />
        Password <code className="font-medium">{password}</code>
      </p>
    </InlineAlert>
  );
}
