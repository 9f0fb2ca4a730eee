"use client";

import {
  type ComponentProps,
  createContext,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { AppLink, type AppLinkProps } from "@/components/ui/app-link";
import { cn } from "@/lib/utils";
import { slot } from "./slot";

/*
 * A light menu button on the browser's Popover API (top layer, light dismiss and Escape for
 * free) plus the WAI-ARIA menu keys. It weighs ~2 kB, so it is what the always-loaded chrome
 * uses (theme toggle, switchers, account menu). Inside pages prefer DropdownMenu (Radix:
 * submenus, typeahead, collision handling).
 */

interface MenuState {
  close: () => void;
}
const MenuContext = createContext<MenuState | null>(null);

const ITEM_SELECTOR = "[role^='menuitem']:not([aria-disabled='true'])";

function items(menu: HTMLElement | null): HTMLElement[] {
  return menu ? Array.from(menu.querySelectorAll<HTMLElement>(ITEM_SELECTOR)) : [];
}

export interface PopoverMenuProps {
  /** One element (usually a button); it gets the popover, ARIA and keyboard wiring. */
  trigger: ReactElement;
  children: ReactNode;
  /** Which edge of the trigger the menu lines up with. */
  align?: "start" | "end";
  /** Accessible name of the menu (defaults to the trigger's name). */
  label?: string;
  className?: string;
  /** Match the trigger's width (switchers). */
  matchTriggerWidth?: boolean;
}

export function PopoverMenu({
  trigger,
  children,
  align = "start",
  label,
  className,
  matchTriggerWidth = false,
}: PopoverMenuProps) {
  const id = useId();
  const menuId = `menu-${id}`;
  const triggerId = `menu-trigger-${id}`;
  const menuRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLElement>(null);
  const focusOnOpen = useRef<"first" | "last" | "checked">("checked");
  const [open, setOpen] = useState(false);

  const place = useCallback(() => {
    const menu = menuRef.current;
    const anchor = triggerRef.current;
    if (!menu || !anchor) return;
    const rect = anchor.getBoundingClientRect();
    if (matchTriggerWidth) menu.style.minWidth = `${rect.width}px`;
    const width = menu.offsetWidth;
    const height = menu.offsetHeight;
    const margin = 8;
    let left = align === "end" ? rect.right - width : rect.left;
    left = Math.max(margin, Math.min(left, window.innerWidth - width - margin));
    let top = rect.bottom + 4;
    if (top + height > window.innerHeight - margin && rect.top - height - 4 > margin) {
      top = rect.top - height - 4;
    }
    menu.style.left = `${left}px`;
    menu.style.top = `${Math.max(margin, top)}px`;
  }, [align, matchTriggerWidth]);

  const close = useCallback(() => {
    const menu = menuRef.current;
    if (menu?.matches(":popover-open")) menu.hidePopover();
  }, []);

  useEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const onToggle = (event: Event) => {
      const isOpen = (event as ToggleEvent).newState === "open";
      setOpen(isOpen);
      if (isOpen) {
        place();
        const list = items(menu);
        const checked = list.find((el) => el.getAttribute("aria-checked") === "true");
        const target =
          focusOnOpen.current === "last"
            ? list.at(-1)
            : focusOnOpen.current === "checked"
              ? (checked ?? list[0])
              : list[0];
        target?.focus();
        focusOnOpen.current = "checked";
      } else if (
        !document.activeElement ||
        document.activeElement === document.body ||
        menu.contains(document.activeElement)
      ) {
        // Escape, a click outside or a chosen item: keyboard users continue from the trigger.
        triggerRef.current?.focus();
      }
    };
    menu.addEventListener("toggle", onToggle);
    return () => menu.removeEventListener("toggle", onToggle);
  }, [place]);

  useEffect(() => {
    if (!open) return;
    const reposition = () => place();
    window.addEventListener("resize", reposition);
    window.addEventListener("scroll", reposition, true);
    return () => {
      window.removeEventListener("resize", reposition);
      window.removeEventListener("scroll", reposition, true);
    };
  }, [open, place]);

  const onTriggerKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    focusOnOpen.current = event.key === "ArrowUp" ? "last" : "first";
    menuRef.current?.showPopover();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items(menuRef.current);
    const index = list.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    switch (event.key) {
      case "ArrowDown":
        next = list[(index + 1) % list.length];
        break;
      case "ArrowUp":
        next = list[(index - 1 + list.length) % list.length];
        break;
      case "Home":
        next = list[0];
        break;
      case "End":
        next = list.at(-1);
        break;
      case "Tab":
        close();
        return;
      default:
        return;
    }
    event.preventDefault();
    next?.focus();
  };

  return (
    <MenuContext.Provider value={{ close }}>
      {slot(trigger, {
        ref: triggerRef,
        id: triggerId,
        popoverTarget: menuId,
        "aria-haspopup": "menu",
        "aria-expanded": open,
        "aria-controls": menuId,
        onKeyDown: onTriggerKeyDown,
      })}
      <div
        ref={menuRef}
        id={menuId}
        popover="auto"
        role="menu"
        aria-label={label}
        aria-labelledby={label ? undefined : triggerId}
        tabIndex={-1}
        onKeyDown={onMenuKeyDown}
        data-state={open ? "open" : "closed"}
        className={cn(
          "fixed inset-auto m-0 max-h-[min(24rem,calc(100dvh-1rem))] min-w-44 overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-md outline-none open:animate-fade-in",
          className,
        )}
      >
        {children}
      </div>
    </MenuContext.Provider>
  );
}

function useMenu(): MenuState {
  const menu = useContext(MenuContext);
  if (!menu) throw new Error("PopoverMenu items must be inside a PopoverMenu");
  return menu;
}

const itemClasses =
  "relative flex w-full cursor-default select-none items-center gap-2 rounded-sm px-2 py-1.5 text-left text-sm outline-none hover:bg-accent hover:text-accent-foreground focus:bg-accent focus:text-accent-foreground aria-disabled:pointer-events-none aria-disabled:opacity-50 [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4 [&_svg:not([class*='text-'])]:text-muted-foreground";

export function PopoverMenuItem({
  className,
  onSelect,
  disabled,
  variant = "default",
  keepOpen = false,
  ...props
}: Omit<ComponentProps<"button">, "onSelect"> & {
  onSelect?: () => void;
  variant?: "default" | "destructive";
  /** Leave the menu open after selecting (e.g. while an async action shows progress). */
  keepOpen?: boolean;
}) {
  const { close } = useMenu();
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      aria-disabled={disabled || undefined}
      onClick={() => {
        if (disabled) return;
        onSelect?.();
        if (!keepOpen) close();
      }}
      className={cn(
        itemClasses,
        variant === "destructive" &&
          "text-destructive focus:bg-destructive-muted focus:text-destructive-muted-foreground",
        className,
      )}
      {...props}
    />
  );
}

/** One choice of a set (organization, project, theme); `checked` marks the current one. */
export function PopoverMenuRadioItem({
  className,
  checked,
  onSelect,
  children,
  ...props
}: Omit<ComponentProps<"button">, "onSelect"> & { checked: boolean; onSelect: () => void }) {
  const { close } = useMenu();
  return (
    <button
      type="button"
      role="menuitemradio"
      aria-checked={checked}
      tabIndex={-1}
      onClick={() => {
        onSelect();
        close();
      }}
      className={cn(itemClasses, "pl-7", className)}
      {...props}
    >
      <span
        className="absolute left-2 flex size-3.5 items-center justify-center"
        aria-hidden="true"
      >
        {checked ? <span className="size-1.5 rounded-full bg-current" /> : null}
      </span>
      {children}
    </button>
  );
}

export function PopoverMenuLink({ className, ...props }: AppLinkProps) {
  const { close } = useMenu();
  return (
    <AppLink
      role="menuitem"
      tabIndex={-1}
      onClick={close}
      className={cn(itemClasses, className)}
      {...props}
    />
  );
}

/** A titled set of radio items (the title names the group for screen readers). */
export function PopoverMenuGroup({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a menu's groups are role="group", not fieldsets
    <div role="group" aria-labelledby={id} className={className}>
      <div id={id} className="px-2 py-1.5 font-medium text-muted-foreground text-xs">
        {label}
      </div>
      {children}
    </div>
  );
}

export function PopoverMenuSeparator({ className }: { className?: string }) {
  return <hr className={cn("-mx-1 my-1 border-border border-t", className)} />;
}
