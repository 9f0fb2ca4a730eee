import { type IconProps, renderIcon } from "./render-icon";

export function Search(props: IconProps) {
  return renderIcon(["m21 21-4.34-4.34", ["circle", { cx: "11", cy: "11", r: "8" }]], props);
}
