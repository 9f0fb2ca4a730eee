"use client";

import { useState } from "react";
import { BookOpen } from "@/components/ui/icons/book-open";
import { LogOut } from "@/components/ui/icons/log-out";
import {
  PopoverMenu,
  PopoverMenuItem,
  PopoverMenuLink,
  PopoverMenuSeparator,
} from "@/components/ui/popover-menu";
import { Spinner } from "@/components/ui/spinner";
import { UserMenuTrigger } from "./menu-triggers";
import { usePortalContext } from "./portal-context-provider";
import { ThemeMenuItems } from "./theme-toggle";

/** Who is signed in, the theme, and sign-out. */
export function UserMenu() {
  const { user, role } = usePortalContext();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <PopoverMenu align="end" label="Account" className="w-64" trigger={<UserMenuTrigger />}>
      <div className="px-2 py-1.5">
        <p className="truncate font-medium text-sm" data-testid="user-menu-name">
          {user.name}
        </p>
        <p className="truncate text-muted-foreground text-xs" data-testid="user-menu-email">
          {user.email}
        </p>
        <p className="mt-1 text-muted-foreground text-xs capitalize">Role: {role}</p>
      </div>
      <PopoverMenuSeparator />
      <ThemeMenuItems />
      <PopoverMenuSeparator />
      <PopoverMenuLink href="/docs">
        <BookOpen aria-hidden="true" />
        Documentation
      </PopoverMenuLink>
      <PopoverMenuItem
        keepOpen
        disabled={signingOut}
        onSelect={() => {
          setSigningOut(true);
          void import("@/components/auth/auth-client")
            .then(({ signOut }) => signOut("/login"))
            .catch(() => setSigningOut(false));
        }}
      >
        {signingOut ? <Spinner /> : <LogOut aria-hidden="true" />}
        Sign out
      </PopoverMenuItem>
    </PopoverMenu>
  );
}
