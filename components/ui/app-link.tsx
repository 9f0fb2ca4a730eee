"use client";

import { useRouter } from "next/navigation";
import type { ComponentProps, MouseEvent } from "react";

export type AppLinkProps = ComponentProps<"a"> & { href: string; replace?: boolean };

/**
 * A link to another portal page: a plain <a> (works without JavaScript, opens in a new tab with
 * a modifier key) that navigates client-side on a plain click and prefetches on hover or focus.
 * next/link does this and more (viewport prefetching) but adds ~3 kB gzip to the first load of
 * every page, and the portal's first-load budget is 170 kB. Links to the docs, which are static
 * HTML outside the app router, stay plain <a>.
 */
export function AppLink({
  href,
  replace = false,
  onClick,
  onPointerEnter,
  onFocus,
  ...props
}: AppLinkProps) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  const navigate = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const plain =
      event.button === 0 &&
      !event.metaKey &&
      !event.ctrlKey &&
      !event.shiftKey &&
      !event.altKey &&
      !props.target &&
      !props.download;
    if (event.defaultPrevented || !plain) return;
    event.preventDefault();
    if (replace) router.replace(href);
    else router.push(href);
  };
  return (
    <a
      href={href}
      {...props}
      onClick={navigate}
      onPointerEnter={(event) => {
        onPointerEnter?.(event);
        prefetch();
      }}
      onFocus={(event) => {
        onFocus?.(event);
        prefetch();
      }}
    />
  );
}
