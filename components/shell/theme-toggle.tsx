"use client";

import { useSyncExternalStore } from "react";
import { Monitor } from "@/components/ui/icons/monitor";
import { Moon } from "@/components/ui/icons/moon";
import { Sun } from "@/components/ui/icons/sun";
import { PopoverMenu, PopoverMenuGroup, PopoverMenuRadioItem } from "@/components/ui/popover-menu";
import { readThemeChoice, setThemeChoice, subscribeTheme, type ThemeChoice } from "@/lib/theme";
import { ThemeToggleTrigger } from "./menu-triggers";

export const THEME_OPTIONS = [
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
  { value: "system", label: "System", icon: Monitor },
] as const;

/** The stored choice is only known in the browser: the server render shows none checked. */
function useThemeChoice(): ThemeChoice | null {
  return useSyncExternalStore(subscribeTheme, readThemeChoice, () => null);
}

/** The theme choices as a labelled radio group, for any PopoverMenu (this one, the user menu). */
export function ThemeMenuItems() {
  const theme = useThemeChoice();
  return (
    <PopoverMenuGroup label="Theme">
      {THEME_OPTIONS.map(({ value, label, icon: Icon }) => (
        <PopoverMenuRadioItem
          key={value}
          checked={theme === value}
          onSelect={() => setThemeChoice(value)}
          data-testid={`theme-${value}`}
        >
          <Icon aria-hidden="true" />
          {label}
        </PopoverMenuRadioItem>
      ))}
    </PopoverMenuGroup>
  );
}

/** Light / dark / system. */
export function ThemeToggle({ className }: { className?: string }) {
  return (
    <PopoverMenu align="end" label="Theme" trigger={<ThemeToggleTrigger className={className} />}>
      <ThemeMenuItems />
    </PopoverMenu>
  );
}
