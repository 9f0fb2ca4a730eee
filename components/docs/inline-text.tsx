import { type InlineNode, parseInline } from "@/lib/docs/inline";

const codeClass = "rounded bg-muted px-1 py-0.5 font-mono text-[0.85em] break-words";
const linkClass = "font-medium text-primary underline underline-offset-2 hover:no-underline";

function Node({ node }: { node: InlineNode }) {
  switch (node.kind) {
    case "code":
      return <code className={codeClass}>{node.text}</code>;
    case "strong":
      return <strong className="font-semibold">{node.text}</strong>;
    case "link":
      return (
        <a href={node.href} className={linkClass}>
          <InlineText text={node.text} />
        </a>
      );
    default:
      return <>{node.text}</>;
  }
}

/** Renders our inline markup (`code`, **bold**, [links](href)) as elements. */
export function InlineText({ text }: { text: string }) {
  return (
    <>
      {parseInline(text).map((node, index) => (
        // Position is the identity here: the text is static.
        // biome-ignore lint/suspicious/noArrayIndexKey: static content, never reordered
        <Node key={index} node={node} />
      ))}
    </>
  );
}
