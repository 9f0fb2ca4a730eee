import { type IconProps, renderIcon } from "./render-icon";

export function ChevronLeft(props: IconProps) {
  return renderIcon(["m15 18-6-6 6-6"], props);
}
