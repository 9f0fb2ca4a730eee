import { type IconProps, renderIcon } from "./render-icon";

export function ArrowRight(props: IconProps) {
  return renderIcon(["M5 12h14", "m12 5 7 7-7 7"], props);
}
