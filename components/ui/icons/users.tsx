import { type IconProps, renderIcon } from "./render-icon";

export function Users(props: IconProps) {
  return renderIcon(
    [
      "M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2",
      ["circle", { cx: "9", cy: "7", r: "4" }],
      "M22 21v-2a4 4 0 0 0-3-3.87",
      "M16 3.13a4 4 0 0 1 0 7.75",
    ],
    props,
  );
}
