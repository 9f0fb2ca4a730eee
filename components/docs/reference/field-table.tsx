import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { FieldView } from "@/lib/docs/view-types";
import { InlineText } from "../inline-text";
import { ScrollTable } from "../scroll-table";

/** The fields of a body or an answer, nested fields indented under their parent. */
export function FieldTable({ fields, caption }: { fields: FieldView[]; caption: string }) {
  if (fields.length === 0) return null;
  return (
    <ScrollTable caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHead>Field</TableHead>
          <TableHead>Type</TableHead>
          <TableHead>Description</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {fields.map((field) => (
          <TableRow key={field.name}>
            <TableCell className="align-top">
              <code
                className="font-mono text-xs"
                style={{ paddingLeft: `${field.depth * 0.75}rem` }}
              >
                {field.name}
              </code>
              {field.required ? (
                <span className="ml-1.5 text-warning-muted-foreground text-xs">required</span>
              ) : null}
            </TableCell>
            <TableCell className="align-top font-mono text-muted-foreground text-xs whitespace-normal">
              {field.type}
              {field.nullable ? " | null" : ""}
            </TableCell>
            <TableCell className="align-top whitespace-normal">
              {field.description ? <InlineText text={field.description} /> : null}
              {field.constraints.length > 0 ? (
                <span className="block text-muted-foreground text-xs">
                  {field.constraints.join("; ")}
                </span>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}
