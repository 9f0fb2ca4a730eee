import { type IconProps, renderIcon } from "./render-icon";

export function Circle(props: IconProps) {
  return renderIcon([["circle", { cx: "12", cy: "12", r: "10" }]], props);
}
