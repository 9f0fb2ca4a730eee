/*
 * The colour theme without a theme library: the choice ("light", "dark" or "system") lives in
 * localStorage under "theme" (the docs pages read the same key), <html> carries the class
 * "light" or "dark" and a matching color-scheme. THEME_SCRIPT runs inline in the root layout's
 * <head>, so the class is right before the first paint and keeps following the operating system
 * (while "system") and other tabs on every page, with no JavaScript bundle involved.
 */

export type ThemeChoice = "light" | "dark" | "system";

export const THEME_STORAGE_KEY = "theme";

/** Dispatched on window whenever the applied theme may have changed. */
export const THEME_EVENT = "themechange";

export const THEME_SCRIPT = `(function(){var k="${THEME_STORAGE_KEY}",q=matchMedia("(prefers-color-scheme: dark)"),e=document.documentElement;function c(){try{var v=localStorage.getItem(k);return v==="light"||v==="dark"?v:"system"}catch(_){return"system"}}function a(){var d=c();d=d==="system"?(q.matches?"dark":"light"):d;e.classList.remove("light","dark");e.classList.add(d);e.style.colorScheme=d;dispatchEvent(new Event("${THEME_EVENT}"))}a();q.addEventListener("change",a);addEventListener("storage",function(v){if(v.key===k)a()})})();`;

export function readThemeChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === "light" || value === "dark" ? value : "system";
  } catch {
    return "system";
  }
}

/** Whether <html> shows the dark theme now. */
export function isDarkTheme(): boolean {
  return document.documentElement.classList.contains("dark");
}

/** Stores and applies a choice at once, without animating every colour on the page. */
export function setThemeChoice(choice: ThemeChoice): void {
  try {
    localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  const resolved =
    choice === "system"
      ? matchMedia("(prefers-color-scheme: dark)").matches
        ? "dark"
        : "light"
      : choice;
  const root = document.documentElement;
  const freeze = document.createElement("style");
  freeze.textContent = "*,*::before,*::after{transition:none!important}";
  document.head.append(freeze);
  root.classList.remove("light", "dark");
  root.classList.add(resolved);
  root.style.colorScheme = resolved;
  // Let the new colours paint before transitions come back.
  getComputedStyle(document.body);
  setTimeout(() => freeze.remove(), 1);
  window.dispatchEvent(new Event(THEME_EVENT));
}

/** For useSyncExternalStore: calls back when the choice or the applied theme changes. */
export function subscribeTheme(onChange: () => void): () => void {
  window.addEventListener(THEME_EVENT, onChange);
  return () => window.removeEventListener(THEME_EVENT, onChange);
}
