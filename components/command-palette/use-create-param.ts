"use client";

import { useSearchParams } from "next/navigation";
import { useEffect } from "react";

/** The query flag that opens a page's create dialog (from the palette or the overview). */
export const CREATE_PARAM = "create";

/**
 * Opens the page's create dialog when the URL says `?create=1` (and the member may create),
 * then removes the flag so a reload or a shared link does not open it again.
 */
export function useCreateParam(allowed: boolean, open: () => void): void {
  const wanted = useSearchParams()?.get(CREATE_PARAM) === "1";
  useEffect(() => {
    if (!wanted) return;
    const url = new URL(window.location.href);
    url.searchParams.delete(CREATE_PARAM);
    window.history.replaceState(null, "", `${url.pathname}${url.search}`);
    if (allowed) open();
  }, [wanted, allowed, open]);
}
