import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { BlockView } from "@/lib/docs/view-types";
import { cn } from "@/lib/utils";
import { CodeBlock, SampleBlock } from "./code-block";
import { Heading } from "./heading";
import { InlineText } from "./inline-text";
import { ScrollTable } from "./scroll-table";

function DocTable({ block }: { block: Extract<BlockView, { kind: "table" }> }) {
  return (
    <ScrollTable caption={block.caption}>
      <TableHeader>
        <TableRow>
          {block.head.map((cell) => (
            <TableHead key={cell} className="whitespace-nowrap">
              <InlineText text={cell} />
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {block.rows.map((row, rowIndex) => (
          <TableRow key={block.rowIds?.[rowIndex] ?? row.join("|")} id={block.rowIds?.[rowIndex]}>
            {row.map((cell, cellIndex) => (
              <TableCell
                // biome-ignore lint/suspicious/noArrayIndexKey: cells of a static row
                key={cellIndex}
                className={cn(
                  "align-top whitespace-normal",
                  cellIndex === 0 && cell.length < 32 && "whitespace-nowrap",
                )}
              >
                <InlineText text={cell} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}

/** One content block of a guide. `uid` keeps form ids unique when a page repeats a sample. */
export function Block({ block, uid }: { block: BlockView; uid: string }) {
  switch (block.kind) {
    case "p":
      return (
        <p className="my-4 leading-7">
          <InlineText text={block.text} />
        </p>
      );
    case "list": {
      const List = block.ordered ? "ol" : "ul";
      return (
        <List
          className={cn(
            "my-4 grid gap-2 pl-6 leading-7",
            block.ordered ? "list-decimal" : "list-disc",
          )}
        >
          {block.items.map((item) => (
            <li key={item}>
              <InlineText text={item} />
            </li>
          ))}
        </List>
      );
    }
    case "table":
      return <DocTable block={block} />;
    case "sample":
      return <SampleBlock sample={block.sample} uid={`${uid}-${block.sample.id}`} />;
    case "code":
      return <CodeBlock title={block.title} html={block.html} />;
    case "note":
      return (
        <p
          className={cn(
            "my-5 rounded-lg border px-4 py-3 leading-7",
            block.tone === "warning"
              ? "border-warning/40 bg-warning-muted text-warning-muted-foreground"
              : "border-primary/30 bg-primary-muted text-primary-muted-foreground",
          )}
        >
          <InlineText text={block.text} />
        </p>
      );
    case "qa":
      return (
        <section aria-labelledby={block.id} className="border-b pb-2 last:border-b-0">
          <Heading level={3} id={block.id} label={block.question}>
            {block.question}
          </Heading>
          <Blocks blocks={block.answer} uid={`${uid}-${block.id}`} />
        </section>
      );
  }
}

export function Blocks({ blocks, uid }: { blocks: BlockView[]; uid: string }) {
  return (
    <>
      {blocks.map((block, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static content in a fixed order
        <Block key={index} block={block} uid={`${uid}-${index}`} />
      ))}
    </>
  );
}
