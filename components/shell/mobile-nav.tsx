"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Menu } from "@/components/ui/icons/menu";
import { X } from "@/components/ui/icons/x";
import { Brand } from "./brand";
import { DeferredOrgSwitcher } from "./deferred-menus";
import { SidebarNav } from "./sidebar-nav";

/**
 * Below the lg breakpoint the sidebar lives in a drawer: a native modal <dialog>, so the page
 * behind is inert, focus stays inside, Escape closes it, and no dialog library is loaded.
 * Its contents exist only while open (one copy of each control in the page). Focus returns to
 * the menu button on close; following a link closes it.
 */
export function MobileNav() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const close = () => dialogRef.current?.close();

  // biome-ignore lint/correctness/useExhaustiveDependencies: close whenever the page changes
  useEffect(() => {
    dialogRef.current?.close();
  }, [pathname]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!open || !dialog) return;
    if (!dialog.open) dialog.showModal();
    document.documentElement.style.overflow = "hidden";
    dialog.querySelector<HTMLElement>("[aria-current='page']")?.focus();
  }, [open]);

  return (
    <>
      <Button
        ref={triggerRef}
        variant="ghost"
        size="icon-sm"
        className="lg:hidden"
        data-testid="mobile-nav-trigger"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        <Menu aria-hidden="true" />
        <span className="sr-only">Open navigation</span>
      </Button>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the click is on the backdrop; Escape closes natively */}
      <dialog
        ref={dialogRef}
        aria-label="Navigation"
        data-testid="mobile-nav"
        onClose={() => {
          setOpen(false);
          document.documentElement.style.overflow = "";
          triggerRef.current?.focus();
        }}
        onClick={(event) => {
          if (event.target === event.currentTarget) close();
        }}
        className="fixed inset-y-0 left-0 m-0 h-dvh max-h-none w-[min(20rem,85vw)] max-w-none border-r bg-sidebar p-0 text-foreground shadow-lg backdrop:bg-black/50 open:animate-slide-in-left"
      >
        {open ? (
          <div className="flex h-full flex-col">
            <div className="flex h-14 items-center justify-between px-4">
              <Brand href="/dashboard" />
              <Button variant="ghost" size="icon-sm" onClick={close}>
                <X aria-hidden="true" />
                <span className="sr-only">Close navigation</span>
              </Button>
            </div>
            <div className="px-3 pb-2">
              <DeferredOrgSwitcher />
            </div>
            <SidebarNav onNavigate={close} />
          </div>
        ) : null}
      </dialog>
    </>
  );
}
