import { type IconProps, renderIcon } from "./render-icon";

export function ChevronDown(props: IconProps) {
  return renderIcon(["m6 9 6 6 6-6"], props);
}
