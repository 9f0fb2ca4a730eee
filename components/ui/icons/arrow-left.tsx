import { type IconProps, renderIcon } from "./render-icon";

export function ArrowLeft(props: IconProps) {
  return renderIcon(["m12 19-7-7 7-7", "M19 12H5"], props);
}
