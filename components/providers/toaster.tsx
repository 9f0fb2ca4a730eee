"use client";

import { type ComponentType, useEffect, useState } from "react";

/**
 * Where toasts (`toast` from components/ui/toaster) appear: the outlet loads right after
 * hydration, out of every page's first load, and shares the toast library's module instance.
 */
export function Toaster() {
  const [Outlet, setOutlet] = useState<ComponentType | null>(null);
  useEffect(() => {
    let live = true;
    void import("./toaster-outlet").then((m) => {
      if (live) setOutlet(() => m.ToasterOutlet);
    });
    return () => {
      live = false;
    };
  }, []);
  return Outlet ? <Outlet /> : null;
}
