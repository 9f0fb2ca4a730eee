import { createElement, Fragment, forwardRef, memo } from "react";
import { describe, expect, it } from "vitest";
import { htmlDocument, renderStaticHtml } from "./static-html";

const Plain = ({ name }: { name: string }) => createElement("b", null, name);
const Ref = forwardRef<HTMLElement, { name: string }>((props, _ref) =>
  createElement("i", null, props.name),
);
const Memo = memo(Plain);

describe("renderStaticHtml", () => {
  it("escapes text and attributes", () => {
    const html = renderStaticHtml(
      createElement("a", { href: '/x?a=1&b="2"', title: "<t>" }, "<b>&"),
    );
    expect(html).toBe('<a href="/x?a=1&amp;b=&quot;2&quot;" title="&lt;t&gt;">&lt;b&gt;&amp;</a>');
  });

  it("maps React prop names, booleans, styles and void elements", () => {
    const html = renderStaticHtml(
      createElement(
        "div",
        { className: "c", hidden: true, "aria-expanded": false, style: { paddingLeft: "1rem" } },
        createElement("input", { type: "radio", defaultChecked: true, disabled: false }),
        createElement("label", { htmlFor: "x" }, "L"),
      ),
    );
    expect(html).toBe(
      '<div class="c" hidden="" aria-expanded="false" style="padding-left:1rem"><input type="radio" checked=""><label for="x">L</label></div>',
    );
  });

  it("renders components, fragments, forwardRef, memo and raw HTML", () => {
    const html = renderStaticHtml(
      createElement(
        Fragment,
        null,
        createElement(Plain, { name: "p" }),
        createElement(Ref, { name: "r" }),
        createElement(Memo, { name: "m" }),
        [null, false, 0],
        // biome-ignore lint/security/noDangerouslySetInnerHtml: the renderer's raw-HTML path under test
        createElement("div", { dangerouslySetInnerHTML: { __html: "<pre>x</pre>" } }),
      ),
    );
    expect(html).toBe("<b>p</b><i>r</i><b>m</b>0<div><pre>x</pre></div>");
    expect(htmlDocument(createElement("html", null))).toBe("<!DOCTYPE html><html></html>");
  });

  it("refuses event handlers instead of dropping them silently", () => {
    expect(() =>
      renderStaticHtml(createElement("button", { type: "button", onClick: () => undefined })),
    ).toThrow(/onClick/);
  });
});
