import { type IconProps, renderIcon } from "./render-icon";

export function Menu(props: IconProps) {
  return renderIcon(["M4 5h16", "M4 12h16", "M4 19h16"], props);
}
