import { type IconProps, renderIcon } from "./render-icon";

export function Square(props: IconProps) {
  return renderIcon([["rect", { width: "18", height: "18", x: "3", y: "3", rx: "2" }]], props);
}
