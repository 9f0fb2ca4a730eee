"use client";

import { type ReactNode, type RefObject, useEffect, useRef, useState } from "react";
import { cn } from "@/lib/utils";

/** Which sides of a scrolling frame have content out of sight. */
export type HiddenSides = "none" | "start" | "end" | "both";

function useHiddenSides(frame: RefObject<HTMLDivElement | null>): HiddenSides {
  const [sides, setSides] = useState<HiddenSides>("none");
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => {
      const hidden = element.scrollWidth - element.clientWidth;
      const start = hidden > 1 && element.scrollLeft > 1;
      const end = hidden > 1 && element.scrollLeft < hidden - 1;
      setSides(start && end ? "both" : start ? "start" : end ? "end" : "none");
    };
    measure();
    // The frame changes width with the page, the table with its rows.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", measure);
    };
  }, [frame]);
  return sides;
}

/** A shadow on one edge of the frame, shown while content is hidden beyond it. */
function EdgeCue({ side, shown }: { side: "start" | "end"; shown: boolean }) {
  return (
    <span
      aria-hidden="true"
      data-slot="table-cue"
      className={cn(
        "pointer-events-none absolute inset-y-0 w-6 from-foreground/15 to-transparent transition-opacity duration-150",
        side === "start" ? "left-0 bg-linear-to-r" : "right-0 bg-linear-to-l",
        shown ? "opacity-100" : "opacity-0",
      )}
    />
  );
}

/**
 * A horizontally scrolling frame that says when content is out of sight: a shadow on the side it
 * is hidden on (and `data-hidden-sides` for tests), and it then takes keyboard focus so arrow
 * keys can scroll it.
 */
export function TableFrame({ children }: { children: ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  const sides = useHiddenSides(frame);
  return (
    <div data-slot="table-frame" className="relative w-full">
      <div
        ref={frame}
        data-slot="table-container"
        data-hidden-sides={sides}
        // A frame that scrolls must be reachable by keyboard (arrow keys scroll it). Relative, so
        // what cells position absolutely (screen-reader text) scrolls and clips with them.
        tabIndex={sides === "none" ? undefined : 0}
        className="relative w-full overflow-x-auto rounded-sm focus-visible:outline-2 focus-visible:outline-ring"
      >
        {children}
      </div>
      <EdgeCue side="start" shown={sides === "start" || sides === "both"} />
      <EdgeCue side="end" shown={sides === "end" || sides === "both"} />
    </div>
  );
}
