import { type IconProps, renderIcon } from "./render-icon";

export function Plus(props: IconProps) {
  return renderIcon(["M5 12h14", "M12 5v14"], props);
}
