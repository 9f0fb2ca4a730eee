import { type IconProps, renderIcon } from "./render-icon";

export function X(props: IconProps) {
  return renderIcon(["M18 6 6 18", "m6 6 12 12"], props);
}
