"use client";

import { type FormEvent, useId, useRef, useState } from "react";
import { NativeSelect } from "@/components/resources/native-select";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FilterX } from "@/components/ui/icons/filter-x";
import { Input } from "@/components/ui/input";
import { AUDIT_ACTION_FAMILIES } from "@/lib/catalog/audit";
import {
  AUDIT_FILTER_NAMES,
  type AuditFilterName,
  type AuditFilters,
  auditPageSearch,
  filterProblem,
  fromUtcInput,
  normaliseActions,
  rangeProblem,
  toUtcInput,
} from "./audit-filters";

const TEXT_FIELDS = [
  { name: "actor_id", label: "Actor ID", placeholder: "usr_... or key_..." },
  { name: "action", label: "Action", placeholder: "member.*, api_key.created" },
  { name: "target_id", label: "Target ID", placeholder: "key_..., mem_..., res_..." },
] as const;

type Errors = Partial<Record<AuditFilterName, string>>;

/** The filters as typed; each is checked before the URL changes, and a refusal shows inline. */
function readForm(form: HTMLFormElement): { filters: AuditFilters; errors: Errors } {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "").trim();
  const filters: AuditFilters = {};
  const errors: Errors = {};
  for (const { name } of TEXT_FIELDS) {
    const value = name === "action" ? normaliseActions(text(name)) : text(name);
    if (!value) continue;
    const problem = filterProblem(name, value);
    if (problem) errors[name] = problem;
    else filters[name] = value;
  }
  const outcome = text("outcome");
  if (outcome) filters.outcome = outcome;
  for (const name of ["occurred_gte", "occurred_lte"] as const) {
    const typed = text(name);
    if (!typed) continue;
    const iso = fromUtcInput(typed, name === "occurred_lte" ? "end" : "start");
    if (iso) filters[name] = iso;
    else errors[name] = "Enter a date and time, such as 2026-05-04 10:00.";
  }
  const range = rangeProblem(filters);
  if (range) errors.occurred_lte = range;
  return { filters, errors };
}

export function AuditFilterBar({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const read = readForm(event.currentTarget);
    setErrors(read.errors);
    if (Object.keys(read.errors).length === 0) onApply(read.filters);
  };
  const filtered = AUDIT_FILTER_NAMES.some((name) => filters[name]);
  return (
    <search aria-label="Filter the audit log" className="mb-4">
      <form
        ref={form}
        // The URL changing under the form (back, "Clear filters", a drawer's "Only this actor")
        // resets what it shows.
        key={auditPageSearch(filters)}
        onSubmit={submit}
        noValidate
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4"
      >
        {TEXT_FIELDS.map((f) => (
          <Field key={f.name} label={f.label} error={errors[f.name]} id={`${id}-${f.name}`}>
            <Input
              name={f.name}
              defaultValue={filters[f.name] ?? ""}
              placeholder={f.placeholder}
              spellCheck={false}
              autoComplete="off"
              className="font-mono"
              list={f.name === "action" ? `${id}-actions` : undefined}
            />
          </Field>
        ))}
        <datalist id={`${id}-actions`}>
          {AUDIT_ACTION_FAMILIES.map((family) => (
            <option key={family} value={`${family}.*`} />
          ))}
        </datalist>
        <Field label="Outcome" id={`${id}-outcome`}>
          <NativeSelect
            name="outcome"
            defaultValue={filters.outcome ?? ""}
            onChange={() => form.current?.requestSubmit()}
          >
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="denied">Denied</option>
          </NativeSelect>
        </Field>
        <Field label="From (UTC)" error={errors.occurred_gte} id={`${id}-occurred_gte`}>
          <Input
            type="datetime-local"
            name="occurred_gte"
            defaultValue={toUtcInput(filters.occurred_gte)}
          />
        </Field>
        <Field label="To (UTC)" error={errors.occurred_lte} id={`${id}-occurred_lte`}>
          <Input
            type="datetime-local"
            name="occurred_lte"
            defaultValue={toUtcInput(filters.occurred_lte)}
          />
        </Field>
        <div className="flex items-end gap-2">
          <Button type="submit" variant="outline">
            Apply
          </Button>
          {filtered ? (
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setErrors({});
                onApply({});
              }}
            >
              <FilterX aria-hidden="true" />
              Clear filters
            </Button>
          ) : null}
        </div>
      </form>
    </search>
  );
}
