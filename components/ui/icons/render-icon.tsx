import { type ComponentProps, createElement, type ReactElement } from "react";

/*
 * The icons the portal uses, drawn from Lucide (ISC licence, lucide.dev) as plain SVG: no icon
 * runtime in the bundle, and an icon rendered by a server component costs no JavaScript at all.
 * Each one takes the props of <svg>; it is decorative (aria-hidden) unless told otherwise.
 * One icon per file, so a bundle holds only the icons it imports (a module is kept whole).
 * To add one, copy the shapes of the icon from lucide.dev (its SVG source) into a new file here.
 */

export type Shape = string | [tag: "circle" | "rect" | "line", attributes: Record<string, string>];

export type IconProps = ComponentProps<"svg">;

export type IconComponent = (props: IconProps) => ReactElement;

export function renderIcon(shapes: Shape[], props: IconProps): ReactElement {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width="24"
      height="24"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      {...props}
    >
      {shapes.map((shape, index) =>
        typeof shape === "string"
          ? createElement("path", { key: index, d: shape })
          : createElement(shape[0], { key: index, ...shape[1] }),
      )}
    </svg>
  );
}
