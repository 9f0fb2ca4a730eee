import { type IconProps, renderIcon } from "./render-icon";

export function ChartNoAxesColumn(props: IconProps) {
  return renderIcon(["M5 21v-6", "M12 21V3", "M19 21V9"], props);
}
