import type { ComponentProps } from "react";
import { controlClasses } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/** A plain <select> styled like the kit's inputs: no JavaScript to load, native on phones. */
export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(controlClasses, "h-9 py-1 pr-8", className)} {...props} />;
}
