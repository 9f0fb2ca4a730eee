import { type IconProps, renderIcon } from "./render-icon";

export function ChevronRight(props: IconProps) {
  return renderIcon(["m9 18 6-6-6-6"], props);
}
