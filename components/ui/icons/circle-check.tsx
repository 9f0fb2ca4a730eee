import { type IconProps, renderIcon } from "./render-icon";

export function CircleCheck(props: IconProps) {
  return renderIcon([["circle", { cx: "12", cy: "12", r: "10" }], "m16 9-5.5 5.5L8 12"], props);
}
