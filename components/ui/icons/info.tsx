import { type IconProps, renderIcon } from "./render-icon";

export function Info(props: IconProps) {
  return renderIcon([["circle", { cx: "12", cy: "12", r: "10" }], "M12 16v-4", "M12 8h.01"], props);
}
