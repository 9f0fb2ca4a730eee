"use client";

import { BookOpen, LogOut } from "lucide-react";
import { useState } from "react";
import { signOut } from "@/components/auth/auth-client";
import {
  PopoverMenu,
  PopoverMenuItem,
  PopoverMenuLink,
  PopoverMenuSeparator,
} from "@/components/ui/popover-menu";
import { Spinner } from "@/components/ui/spinner";
import { usePortalContext } from "./portal-context-provider";
import { ThemeMenuItems } from "./theme-toggle";

function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length >= 2
      ? `${words[0]?.[0] ?? ""}${words.at(-1)?.[0] ?? ""}`
      : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

/** Who is signed in, the theme, and sign-out. */
export function UserMenu() {
  const { user, role } = usePortalContext();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <PopoverMenu
      align="end"
      label="Account"
      className="w-64"
      trigger={
        <button
          type="button"
          data-testid="user-menu"
          className="flex size-8 shrink-0 items-center justify-center rounded-full bg-primary font-semibold text-primary-foreground text-xs outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
        >
          <span aria-hidden="true">{initials(user.name, user.email)}</span>
          <span className="sr-only">Account menu for {user.name || user.email}</span>
        </button>
      }
    >
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
          void signOut("/login").catch(() => setSigningOut(false));
        }}
      >
        {signingOut ? <Spinner /> : <LogOut aria-hidden="true" />}
        Sign out
      </PopoverMenuItem>
    </PopoverMenu>
  );
}
