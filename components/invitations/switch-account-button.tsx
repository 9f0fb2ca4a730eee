"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Signs the wrong account out and comes back to the invitation to sign in with the right one. */
export function SwitchAccountButton({ returnTo }: { returnTo: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="outline"
      className="w-full"
      loading={busy}
      onClick={() => {
        setBusy(true);
        void import("@/components/auth/auth-client").then(({ signOut }) =>
          signOut(`/login?callbackUrl=${encodeURIComponent(returnTo)}`),
        );
      }}
    >
      Sign out and use another account
    </Button>
  );
}
