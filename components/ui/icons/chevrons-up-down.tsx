import { type IconProps, renderIcon } from "./render-icon";

export function ChevronsUpDown(props: IconProps) {
  return renderIcon(["m7 15 5 5 5-5", "m7 9 5-5 5 5"], props);
}
