import type { ReactNode } from "react";

/**
 * A table that may scroll sideways on narrow screens. The scrolling frame is a labelled,
 * focusable region so keyboard users can scroll it too (the UI kit's Table frame measures itself
 * in the browser, and the docs ship no framework script, so they use the kit's rows and cells
 * inside this frame instead).
 */
export function ScrollTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <section
      aria-label={caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      className="my-5 overflow-x-auto rounded-lg border focus-visible:outline-2 focus-visible:outline-ring"
    >
      <table className="w-full caption-bottom border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </section>
  );
}
