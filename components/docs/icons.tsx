/** The few icons the docs need, as inline SVG (server-rendered; no icon library at run time). */
const base = {
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round",
  strokeLinejoin: "round",
} as const;

export function SearchIcon({ className }: { className?: string }) {
  return (
    <svg aria-hidden="true" {...base} className={className}>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </svg>
  );
}

export function SunIcon({
  className,
  ...rest
}: {
  className?: string;
  "data-theme-icon"?: string;
}) {
  return (
    <svg aria-hidden="true" {...base} className={className} {...rest}>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </svg>
  );
}

export function MoonIcon({
  className,
  ...rest
}: {
  className?: string;
  "data-theme-icon"?: string;
}) {
  return (
    <svg aria-hidden="true" {...base} className={className} {...rest}>
      <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />
    </svg>
  );
}

export function MonitorIcon({
  className,
  ...rest
}: {
  className?: string;
  "data-theme-icon"?: string;
}) {
  return (
    <svg aria-hidden="true" {...base} className={className} {...rest}>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" />
    </svg>
  );
}
