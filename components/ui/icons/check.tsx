import { type IconProps, renderIcon } from "./render-icon";

export function Check(props: IconProps) {
  return renderIcon(["M20 6 9 17l-5-5"], props);
}
