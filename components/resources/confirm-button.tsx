"use client";

import { type ReactNode, useState } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { lazyClient } from "@/components/ui/lazy-client";
import type { ConfirmDialogBodyProps } from "./confirm-dialog-body";

const loadBody = () => import("./confirm-dialog-body");
const ConfirmDialogBody = lazyClient(() => loadBody().then((m) => m.ConfirmDialogBody));

type Confirm = Omit<ConfirmDialogBodyProps, "onClose">;

/**
 * A button that asks "Are you sure?" first, like the kit's ConfirmDialog, but the dialog (and
 * Radix's AlertDialog) loads on first press instead of in the page's first-load JavaScript.
 */
export function ConfirmButton({
  confirm,
  children,
  ...button
}: Omit<ButtonProps, "onClick" | "children"> & { confirm: Confirm; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        {...button}
        onPointerEnter={() => void loadBody()}
        onFocus={() => void loadBody()}
        onClick={() => setOpen(true)}
      >
        {children}
      </Button>
      {open ? <ConfirmDialogBody {...confirm} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
