import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { OperationView } from "@/lib/docs/view-types";
import { CodeBlock, SampleBlock } from "../code-block";
import { Heading } from "../heading";
import { InlineText } from "../inline-text";
import { ScrollTable } from "../scroll-table";
import { FieldTable } from "./field-table";
import { MethodBadge } from "./method-badge";

function ScopeLine({ scopes, dashboardOnly }: { scopes: string[] | null; dashboardOnly: boolean }) {
  if (scopes === null) return <>No key needed.</>;
  if (dashboardOnly) {
    return (
      <>
        Dashboard only: needs the{" "}
        {scopes.map((scope) => (
          <code key={scope} className="rounded bg-muted px-1 py-0.5 font-mono text-xs">
            {scope}
          </code>
        ))}{" "}
        permission of a signed-in member (see{" "}
        <a
          href="/docs/authentication#dashboard-roles"
          className="text-primary underline underline-offset-2"
        >
          roles
        </a>
        ). No API key can hold it, so a key gets <code className="font-mono text-xs">403</code>.
      </>
    );
  }
  if (scopes.length === 0) return <>Any valid key; no particular scope.</>;
  return (
    <>
      Scope{" "}
      {scopes.map((scope) => (
        <code key={scope} className="rounded bg-muted px-1 py-0.5 font-mono text-xs">
          {scope}
        </code>
      ))}{" "}
      (see{" "}
      <a href="/docs/authentication#scopes" className="text-primary underline underline-offset-2">
        scopes
      </a>
      ).
    </>
  );
}

function Parameters({ op }: { op: OperationView }) {
  if (op.parameters.length === 0) return null;
  return (
    <>
      <h3 className="mt-6 mb-2 font-semibold">Parameters</h3>
      <ScrollTable caption={`Parameters of ${op.summary}`}>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>In</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Description</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {op.parameters.map((p) => (
            <TableRow key={`${p.in}-${p.name}`}>
              <TableCell className="align-top">
                <code className="font-mono text-xs">{p.name}</code>
                {p.required ? (
                  <span className="ml-1.5 text-warning-muted-foreground text-xs">required</span>
                ) : null}
              </TableCell>
              <TableCell className="align-top text-muted-foreground text-xs">{p.in}</TableCell>
              <TableCell className="align-top font-mono text-muted-foreground text-xs">
                {p.type}
              </TableCell>
              <TableCell className="align-top whitespace-normal">
                <InlineText text={p.description} />
                {p.constraints.length > 0 ? (
                  <span className="block text-muted-foreground text-xs">
                    {p.constraints.join("; ")}
                  </span>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
    </>
  );
}

function Responses({ op }: { op: OperationView }) {
  const success = op.responses.filter((r) => r.status.startsWith("2"));
  const errors = op.responses.filter((r) => !r.status.startsWith("2"));
  return (
    <>
      <h3 className="mt-6 mb-2 font-semibold">Responses</h3>
      {success.map((response) => (
        <div key={response.status} className="mt-3">
          <p>
            <span className="font-mono font-semibold text-success-muted-foreground">
              {response.status}
            </span>{" "}
            <InlineText text={response.description} />
            {response.schemaName ? (
              <span className="text-muted-foreground"> · {response.schemaName}</span>
            ) : null}
          </p>
          <FieldTable
            fields={response.fields}
            caption={`Fields of the ${response.status} answer`}
          />
          {response.exampleHtml ? (
            <CodeBlock title={`Example ${response.status} answer`} html={response.exampleHtml} />
          ) : null}
        </div>
      ))}
      {errors.length > 0 ? (
        <>
          <h4 className="mt-5 mb-2 font-medium">Errors</h4>
          <ul className="grid gap-1.5">
            {errors.map((response) => (
              <li key={response.status}>
                <span className="font-mono font-semibold text-destructive-muted-foreground">
                  {response.status}
                </span>{" "}
                <InlineText text={response.description} />
                {response.errorCodes.length > 0 ? (
                  <span className="text-muted-foreground">
                    {" "}
                    (
                    {response.errorCodes.map((code, index) => (
                      <span key={code}>
                        {index > 0 ? ", " : ""}
                        <a
                          href={`/docs/errors#${code}`}
                          className="font-mono text-xs underline underline-offset-2"
                        >
                          {code}
                        </a>
                      </span>
                    ))}
                    )
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** One operation of the reference: what to send, what comes back, a sample and "Try it". */
export function OperationSection({
  op,
  proxyBase,
  environmentHeader,
}: {
  op: OperationView;
  proxyBase: string;
  environmentHeader: string;
}) {
  const panelId = `try-${op.anchor}`;
  return (
    <section aria-labelledby={op.anchor} className="border-t pb-8">
      <Heading level={2} id={op.anchor} label={op.summary}>
        {op.summary}
      </Heading>
      <p className="flex flex-wrap items-center gap-2">
        <MethodBadge method={op.method} />
        <code className="break-all font-mono text-sm">{op.path}</code>
        {op.deprecated ? (
          <span className="text-warning-muted-foreground text-xs">deprecated</span>
        ) : null}
      </p>
      {op.description ? (
        <p className="my-4 leading-7">
          <InlineText text={op.description} />
        </p>
      ) : null}
      <p className="my-3 text-muted-foreground">
        <ScopeLine scopes={op.scopes} dashboardOnly={op.dashboardOnly} />
      </p>
      <Parameters op={op} />
      {op.body ? (
        <>
          <h3 className="mt-6 mb-2 font-semibold">
            Request body
            {op.body.schemaName ? (
              <span className="font-normal text-muted-foreground"> · {op.body.schemaName}</span>
            ) : null}
          </h3>
          <FieldTable fields={op.body.fields} caption={`Body of ${op.summary}`} />
          <CodeBlock title="Example body" html={op.body.exampleHtml} />
        </>
      ) : null}
      <Responses op={op} />
      <h3 className="mt-6 mb-2 font-semibold">Example</h3>
      <SampleBlock sample={op.sample} uid={op.anchor} />
      <div className="mt-4">
        <button
          type="button"
          data-try-it=""
          data-anchor={op.anchor}
          data-spec={JSON.stringify(op.tryIt)}
          data-proxy={proxyBase}
          data-env-header={environmentHeader}
          aria-expanded="false"
          aria-controls={panelId}
          className="inline-flex h-9 items-center rounded-md border bg-background px-3 font-medium text-sm hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
        >
          Try it in your sandbox
        </button>
        <div id={panelId} hidden className="mt-3 rounded-lg border bg-card p-4" />
      </div>
    </section>
  );
}
