/**
 * "Try it" on the reference pages, served as /docs/assets/try-it.js from this function's source
 * (self-contained, like docsScript) and loaded on the first click. Requests go through the
 * portal's same-origin proxy with the member's session and are pinned to the sandbox (test)
 * environment: no key ever reaches the browser, and a live key is never used.
 */
export function tryItScript(): void {
  interface TryItSpec {
    method: string;
    path: string;
    pathParams: Array<{ name: string; example: string }>;
    queryParams: Array<{ name: string; example: string; required: boolean; description: string }>;
    body: string | null;
    public: boolean;
  }

  const element = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props: Partial<Record<string, string>> = {},
    ...children: Array<Node | string>
  ): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      if (name === "className") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  };

  const inputClass =
    "h-9 w-full rounded-md border border-input bg-background px-2.5 font-mono text-sm outline-none focus-visible:outline-2 focus-visible:outline-ring";
  const buttonClass =
    "inline-flex h-9 items-center rounded-md bg-primary px-3 font-medium text-primary-foreground text-sm hover:bg-primary/90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:opacity-50";
  const linkClass = "font-medium text-primary underline underline-offset-2";

  let session: Promise<boolean> | null = null;
  const signedIn = () => {
    session ??= fetch("/api/auth/session", { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((data: { user?: unknown } | null) => Boolean(data?.user))
      .catch(() => false);
    return session;
  };

  const signedOutPanel = (anchor: string) => {
    const back = encodeURIComponent(`${location.pathname}#${anchor}`);
    const p = element("p", { className: "leading-7" });
    p.append(
      "Try it sends this request to your sandbox through the dashboard, using your session. ",
      element("a", { href: `/login?callbackUrl=${back}`, className: linkClass, text: "Sign in" }),
      " or ",
      element("a", { href: "/signup", className: linkClass, text: "create a free account" }),
      ", then come back here.",
    );
    const q = element("p", {
      className: "mt-2 text-muted-foreground leading-7",
      text: "To call the API from your own machine, create a sandbox key (it starts with sk_test_) under Settings → API keys in the dashboard and run the curl example above with it.",
    });
    return [p, q];
  };

  const form = (button: HTMLButtonElement, spec: TryItSpec, panelId: string) => {
    const proxy = button.dataset.proxy ?? "/api/proxy";
    const envHeader = button.dataset.envHeader ?? "x-cap-environment";
    const fields = element("div", { className: "grid gap-3 sm:grid-cols-2" });
    const inputs = new Map<string, HTMLInputElement>();
    const addField = (key: string, label: string, value: string, hint: string) => {
      const id = `${panelId}-${key}`;
      const input = element("input", { id, className: inputClass, value, spellcheck: "false" });
      input.value = value;
      inputs.set(key, input);
      const wrap = element("div", { className: "grid gap-1" });
      wrap.append(
        element("label", { for: id, className: "font-medium text-xs", text: label }),
        input,
      );
      if (hint)
        wrap.append(element("span", { className: "text-muted-foreground text-xs", text: hint }));
      fields.append(wrap);
    };
    for (const param of spec.pathParams)
      addField(`path-${param.name}`, `${param.name} (path)`, param.example, "");
    for (const param of spec.queryParams)
      addField(
        `query-${param.name}`,
        `${param.name}${param.required ? "" : " (optional)"}`,
        param.example,
        param.description,
      );
    let body: HTMLTextAreaElement | null = null;
    if (spec.body !== null) {
      const id = `${panelId}-body`;
      body = element("textarea", { id, className: `${inputClass} h-40 py-2`, spellcheck: "false" });
      body.value = spec.body;
      const wrap = element("div", { className: "grid gap-1 sm:col-span-2" });
      wrap.append(
        element("label", { for: id, className: "font-medium text-xs", text: "JSON body" }),
        body,
      );
      fields.append(wrap);
    }
    const send = element("button", {
      type: "submit",
      className: buttonClass,
      text: `Send ${spec.method}`,
    });
    const result = element("div", { className: "grid gap-2", "aria-live": "polite" });
    const note = element("p", {
      className: "text-muted-foreground text-xs",
      text: "Runs in your Sandbox environment through the dashboard's proxy; live data is never touched.",
    });
    const formElement = element(
      "form",
      { className: "grid gap-4" },
      fields,
      note,
      element("div", {}, send),
      result,
    );
    formElement.addEventListener("submit", async (event) => {
      event.preventDefault();
      let path = spec.path;
      for (const param of spec.pathParams) {
        const value = inputs.get(`path-${param.name}`)?.value.trim() ?? "";
        path = path.replace(`{${param.name}}`, encodeURIComponent(value));
      }
      const query = new URLSearchParams();
      for (const param of spec.queryParams) {
        const value = inputs.get(`query-${param.name}`)?.value.trim() ?? "";
        if (value) query.append(param.name, value);
      }
      const url = `${proxy}${path}${query.size > 0 ? `?${query}` : ""}`;
      const headers: Record<string, string> = { [envHeader]: "test", Accept: "application/json" };
      const init: RequestInit = { method: spec.method, headers, credentials: "same-origin" };
      if (body) {
        headers["Content-Type"] = "application/json";
        init.body = body.value;
      }
      send.disabled = true;
      result.replaceChildren(
        element("p", { className: "text-muted-foreground", text: "Sending…" }),
      );
      const started = performance.now();
      try {
        const response = await fetch(url, init);
        const ms = Math.round(performance.now() - started);
        const text = await response.text();
        let shown = text;
        try {
          shown = JSON.stringify(JSON.parse(text), null, 2);
        } catch {
          // Not JSON (204 has no body): show it as it came.
        }
        const headerLines = [
          "x-request-id",
          "x-ratelimit-limit",
          "x-ratelimit-remaining",
          "x-ratelimit-reset",
        ]
          .map((name) => [name, response.headers.get(name)] as const)
          .filter(([, value]) => value !== null)
          .map(([name, value]) => `${name}: ${value}`)
          .join("\n");
        result.replaceChildren(
          element("p", {
            className: "font-medium",
            "data-try-it-status": String(response.status),
            text: `${response.status} ${response.statusText} · ${ms} ms`,
          }),
          element("pre", {
            className: "overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs",
            tabindex: "0",
            text: headerLines,
          }),
          element("pre", {
            className: "max-h-96 overflow-auto rounded-md bg-muted p-3 font-mono text-xs",
            tabindex: "0",
            "data-try-it-body": "",
            text: shown || "(no body)",
          }),
        );
      } catch {
        result.replaceChildren(
          element("p", {
            className: "text-destructive",
            text: "The request did not complete. Check your connection and try again.",
          }),
        );
      } finally {
        send.disabled = false;
      }
    });
    return formElement;
  };

  (window as unknown as { cloudDocsTryIt: (button: HTMLButtonElement) => void }).cloudDocsTryIt =
    async (button) => {
      const panelId = button.getAttribute("aria-controls") ?? "";
      const panel = document.getElementById(panelId);
      if (!panel) return;
      const open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", String(!open));
      panel.hidden = open;
      if (open || panel.dataset.ready === "true") return;
      panel.dataset.ready = "true";
      const spec = JSON.parse(button.dataset.spec ?? "{}") as TryItSpec;
      const anchor = button.dataset.anchor ?? "";
      panel.replaceChildren(
        element("p", { className: "text-muted-foreground", text: "Checking your session…" }),
      );
      if (await signedIn()) panel.replaceChildren(form(button, spec, panelId));
      else panel.replaceChildren(...signedOutPanel(anchor));
    };
}
