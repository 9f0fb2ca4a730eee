"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { PopoverMenu, PopoverMenuGroup, PopoverMenuRadioItem } from "@/components/ui/popover-menu";

export const THEME_OPTIONS = [
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
  { value: "system", label: "System", icon: Monitor },
] as const;

/** The stored choice is only known in the browser; render "none checked" until mounted. */
function useThemeChoice() {
  const { theme, setTheme } = useTheme();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return { theme: mounted ? (theme ?? "system") : null, setTheme };
}

/** The theme choices as a labelled radio group, for any PopoverMenu (this one, the user menu). */
export function ThemeMenuItems() {
  const { theme, setTheme } = useThemeChoice();
  return (
    <PopoverMenuGroup label="Theme">
      {THEME_OPTIONS.map(({ value, label, icon: Icon }) => (
        <PopoverMenuRadioItem
          key={value}
          checked={theme === value}
          onSelect={() => setTheme(value)}
          data-testid={`theme-${value}`}
        >
          <Icon aria-hidden="true" />
          {label}
        </PopoverMenuRadioItem>
      ))}
    </PopoverMenuGroup>
  );
}

/** Light / dark / system. Both icons render and CSS picks one, so nothing flips after hydration. */
export function ThemeToggle({ className }: { className?: string }) {
  return (
    <PopoverMenu
      align="end"
      label="Theme"
      trigger={
        <Button variant="ghost" size="icon-sm" className={className} data-testid="theme-toggle">
          <Sun className="dark:hidden" aria-hidden="true" />
          <Moon className="hidden dark:block" aria-hidden="true" />
          <span className="sr-only">Theme</span>
        </Button>
      }
    >
      <ThemeMenuItems />
    </PopoverMenu>
  );
}
