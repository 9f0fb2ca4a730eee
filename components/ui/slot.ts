import { cloneElement, isValidElement, type ReactElement, type ReactNode, type Ref } from "react";

type Props = Record<string, unknown>;

function assign<T>(ref: unknown, node: T): void {
  if (typeof ref === "function") ref(node);
  else if (ref && typeof ref === "object") (ref as { current: T }).current = node;
}

/**
 * Radix Slot's merge as a plain function (no client boundary, so server components can use
 * it too): the child element receives `props`, its own props winning, except that classes are
 * joined, styles merged, both event handlers run (the child's first) and both refs are set.
 */
export function slot(child: ReactNode, props: Props): ReactElement | null {
  if (!isValidElement<Props>(child)) return null;
  const own = child.props;
  const merged: Props = { ...props, ...own };
  for (const key in props) {
    const mine = props[key];
    const theirs = own[key];
    if (mine === undefined || theirs === undefined) continue;
    if (/^on[A-Z]/.test(key) && typeof mine === "function" && typeof theirs === "function") {
      merged[key] = (...args: unknown[]) => {
        const result = theirs(...args);
        mine(...args);
        return result;
      };
    } else if (key === "className") merged[key] = `${mine} ${theirs}`;
    else if (key === "style") merged[key] = { ...(mine as object), ...(theirs as object) };
    else if (key === "ref")
      merged[key] = ((node: unknown) => {
        assign(mine, node);
        assign(theirs, node);
      }) satisfies Ref<unknown>;
  }
  return cloneElement(child, merged);
}
