"use client";

import { type ComponentType, type ReactNode, useEffect, useRef, useState } from "react";

export interface LazyClientOptions<P> {
  /** Shown until the code has loaded (server render included). */
  fallback?: (props: P) => ReactNode;
  /**
   * The fallback is a stand-in for a control (a menu's button): wrap both in a layout-neutral
   * span, and if the stand-in had focus, was clicked or got an arrow key before the code came,
   * give the focus to the real control and replay the click or the key, so nothing the user did
   * is lost.
   */
  handOff?: boolean;
}

/**
 * A component whose code is fetched in the browser after the first render: never during server
 * rendering, never in the page's first-load JavaScript. next/dynamic does the same but brings
 * its loadable runtime and server-storage shims (~2 kB gzip) into every page that uses it.
 * A chunk that fails to load is thrown into the nearest error boundary.
 */
export function lazyClient<P extends object>(
  load: () => Promise<ComponentType<P>>,
  { fallback, handOff = false }: LazyClientOptions<P> = {},
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const start = () => {
    pending ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };

  // biome-ignore lint/correctness/noComponentHookFactories: called once per module, like React.lazy
  function LazyClient(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(null);
    const wrapper = useRef<HTMLSpanElement>(null);
    const clicked = useRef(false);
    const focused = useRef(false);
    const arrowKey = useRef<string | null>(null);
    useEffect(() => {
      let live = true;
      const show = (component: ComponentType<P>) => {
        const box = wrapper.current;
        focused.current = !!box && box.contains(document.activeElement);
        setComponent(() => component);
      };
      if (loaded) show(loaded);
      else
        start().then(
          (component) => live && show(component),
          (error: unknown) =>
            live &&
            setComponent(() => {
              throw error;
            }),
        );
      return () => {
        live = false;
      };
    }, []);
    useEffect(() => {
      if (!Component || !handOff) return;
      const control = wrapper.current?.querySelector<HTMLElement>("button, a[href], input");
      if (focused.current) control?.focus();
      if (clicked.current) control?.click();
      if (arrowKey.current) {
        control?.dispatchEvent(
          new KeyboardEvent("keydown", { key: arrowKey.current, bubbles: true, cancelable: true }),
        );
      }
      clicked.current = false;
      focused.current = false;
      arrowKey.current = null;
    }, [Component]);
    const body = Component ? <Component {...props} /> : (fallback?.(props) ?? null);
    if (!handOff) return body;
    return (
      <span
        ref={wrapper}
        className="contents"
        onClickCapture={() => {
          if (!Component) clicked.current = true;
        }}
        onKeyDownCapture={(event) => {
          if (Component || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
          event.preventDefault();
          arrowKey.current = event.key;
        }}
      >
        {body}
      </span>
    );
  }
  return LazyClient;
}
