/**
 * The docs pages' only script, served as /docs/assets/docs.js from this function's source text.
 * It must stay self-contained (no imports, no outer variables): the route serves
 * `(${docsScript.toString()})()`. The pages work without it; it adds copy buttons, the remembered
 * language of samples, search, the theme switch and try-it.
 */
export function docsScript(): void {
  interface SearchResult {
    id: string;
    title: string;
    section: string;
    href: string;
  }
  interface SearchEngine {
    search(query: string): SearchResult[];
  }
  interface MiniSearchStatic {
    loadJS(index: unknown, options: unknown): SearchEngine;
  }

  const script = document.currentScript as HTMLScriptElement | null;
  const assets = {
    index: script?.dataset.searchIndex ?? "/docs/assets/search-index.json",
    minisearch: script?.dataset.minisearch ?? "/docs/assets/minisearch.js",
    tryIt: script?.dataset.tryIt ?? "/docs/assets/try-it.js",
  };
  const root = document.documentElement;
  const store = {
    get(key: string): string | null {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set(key: string, value: string): void {
      try {
        localStorage.setItem(key, value);
      } catch {
        // Private browsing: the choice lasts for this page only.
      }
    },
  };

  let live = document.querySelector<HTMLElement>("[data-docs-live]");
  if (!live) {
    live = document.createElement("p");
    live.className = "sr-only";
    live.setAttribute("aria-live", "polite");
    live.dataset.docsLive = "";
    document.body.append(live);
  }
  const announce = (text: string) => {
    if (live) live.textContent = text;
  };

  const loadScript = (src: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const element = document.createElement("script");
      element.src = src;
      element.async = true;
      element.onload = () => resolve();
      element.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(element);
    });

  // Copy buttons: the text of the code panel that is showing.
  const copyText = async (text: string, pre: HTMLElement | null): Promise<boolean> => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      if (!pre) return false;
      const range = document.createRange();
      range.selectNodeContents(pre);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return document.execCommand("copy");
    }
  };
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy]")) {
    button.addEventListener("click", async () => {
      const figure = button.closest("figure");
      const panels = Array.from(figure?.querySelectorAll<HTMLElement>("[data-panel]") ?? []);
      const shown = panels.find((panel) => getComputedStyle(panel).display !== "none");
      const pre = shown?.querySelector("pre") ?? null;
      const ok = await copyText(pre?.textContent ?? "", pre);
      button.textContent = ok ? "Copied" : "Select and copy";
      announce(ok ? "Copied to the clipboard" : "Copy failed; the code is selected");
      setTimeout(() => {
        button.textContent = "Copy";
      }, 2000);
    });
  }

  // curl or JavaScript: one choice for every sample, remembered.
  const radios = Array.from(document.querySelectorAll<HTMLInputElement>("input[data-lang]"));
  const chooseLanguage = (value: string) => {
    for (const radio of radios) if (radio.value === value) radio.checked = true;
  };
  const savedLanguage = store.get("docs-lang");
  if (savedLanguage) chooseLanguage(savedLanguage);
  for (const radio of radios) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      store.set("docs-lang", radio.value);
      chooseLanguage(radio.value);
    });
  }

  // Theme: system -> light -> dark, stored where the dashboard (lib/theme.ts) keeps it.
  const toggle = document.querySelector<HTMLButtonElement>("[data-theme-toggle]");
  const themes = ["system", "light", "dark"];
  const darkQuery = matchMedia("(prefers-color-scheme: dark)");
  let theme = store.get("theme") ?? "system";
  const applyTheme = () => {
    const dark = theme === "dark" || (theme === "system" && darkQuery.matches);
    root.classList.toggle("dark", dark);
    root.style.colorScheme = dark ? "dark" : "light";
    root.dataset.themeChoice = theme;
    toggle?.setAttribute("aria-label", `Colour theme: ${theme}`);
  };
  // The inline head script already applied the stored theme before paint; touching <html> again
  // would restyle the whole page for nothing.
  if (root.dataset.themeChoice !== theme) applyTheme();
  else toggle?.setAttribute("aria-label", `Colour theme: ${theme}`);
  darkQuery.addEventListener("change", () => {
    if (theme === "system") applyTheme();
  });
  toggle?.addEventListener("click", () => {
    theme = themes[(themes.indexOf(theme) + 1) % themes.length] ?? "system";
    store.set("theme", theme);
    applyTheme();
    announce(`Colour theme: ${theme}`);
  });

  // Search: the index and the search library load the first time the box gets focus.
  const input = document.querySelector<HTMLInputElement>("#docs-search");
  const list = document.querySelector<HTMLElement>("#docs-search-results");
  const status = document.querySelector<HTMLElement>("[data-search-status]");
  if (input && list) {
    let engine: Promise<SearchEngine> | null = null;
    let results: SearchResult[] = [];
    let active = -1;
    let query = "";
    const load = (): Promise<SearchEngine> => {
      if (!engine) {
        const data = fetch(assets.index).then(
          (response) => response.json() as Promise<{ index: unknown; options: unknown }>,
        );
        const loading = loadScript(assets.minisearch)
          .then(() => data)
          .then((index) => {
            const MiniSearch = (window as unknown as { MiniSearch: MiniSearchStatic }).MiniSearch;
            return MiniSearch.loadJS(index.index, index.options);
          });
        loading.catch(() => {
          engine = null;
        });
        engine = loading;
      }
      return engine;
    };
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    };
    const render = () => {
      list.replaceChildren();
      results.forEach((result, index) => {
        const option = document.createElement("div");
        option.id = `docs-search-option-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", String(index === active));
        option.className = "cursor-pointer rounded-md px-3 py-2";
        const title = document.createElement("span");
        title.className = "block font-medium";
        title.textContent = result.title;
        const section = document.createElement("span");
        section.className = "block text-muted-foreground text-xs";
        section.textContent = result.section;
        option.append(title, section);
        option.addEventListener("mousedown", (event) => event.preventDefault());
        option.addEventListener("click", () => {
          location.href = result.href;
        });
        list.append(option);
      });
      if (results.length === 0 && query) {
        const empty = document.createElement("div");
        empty.className = "px-3 py-2 text-muted-foreground";
        empty.textContent = `No results for "${query}"`;
        list.append(empty);
      }
      list.hidden = !query;
      input.setAttribute("aria-expanded", String(!list.hidden));
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", `docs-search-option-${active}`);
        document
          .getElementById(`docs-search-option-${active}`)
          ?.scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    };
    const runSearch = async () => {
      query = input.value.trim();
      if (query.length < 2) {
        results = [];
        active = -1;
        close();
        return;
      }
      const asked = query;
      const search = await load();
      if (asked !== input.value.trim()) return;
      results = search.search(asked).slice(0, 12);
      active = results.length > 0 ? 0 : -1;
      render();
      if (status) status.textContent = `${results.length} result${results.length === 1 ? "" : "s"}`;
    };
    input.addEventListener("focus", () => {
      void load();
    });
    input.addEventListener("input", () => {
      void runSearch();
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (results.length === 0) return;
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        active = (active + step + results.length) % results.length;
        render();
      } else if (event.key === "Enter") {
        const chosen = results[active];
        if (chosen) {
          event.preventDefault();
          location.href = chosen.href;
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else input.value = "";
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
    // Typed before this script ran (a slow connection, a fast reader): answer it now.
    if (document.activeElement === input) void load();
    if (input.value.trim().length >= 2) void runSearch();
    document.addEventListener("keydown", (event) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest("input, textarea, select, [contenteditable='true']");
      if (event.key === "/" && !typing && !event.metaKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  // Try it (reference pages): its code loads on first use.
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-try-it]")) {
    button.addEventListener("click", async () => {
      const holder = window as unknown as { cloudDocsTryIt?: (button: HTMLButtonElement) => void };
      if (!holder.cloudDocsTryIt) await loadScript(assets.tryIt);
      holder.cloudDocsTryIt?.(button);
    });
  }
}
