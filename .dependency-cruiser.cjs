// The layer rules of DESIGN.md as code: `npm run check:layers` fails on any import that breaks
// them (type-only imports included). The graph is the shipped code: tests (`*.test.ts`) may reach
// across layers to set up what they check, so they are left out; lib/testing stays in, and no
// shipped module may import it. scripts/check-layers.test.ts proves each rule catches a planted import.

/** Folders of lib/ that hold domain logic and queries (DESIGN.md's list, plus those built since). */
const DOMAINS =
  "(accounts|admin|audit|auth|billing|deployments|email|events|idempotency|invitations|jobs|keys|members|rbac|ratelimit|regions|request-logs|resources|usage|webhooks)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "lib-not-to-app",
      comment: "lib/ never imports app/ or components/",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-not-to-server",
      comment:
        "components never import lib/db, lib/api, a domain folder or the runtime: data comes through react-query hooks over the portal proxy",
      severity: "error",
      from: { path: "^components/" },
      to: { path: `^lib/(db|api|${DOMAINS})/|^lib/runtime\\.ts$` },
    },
    {
      name: "components-not-to-server-only",
      comment:
        "of lib/portal, components use the client helpers only, never a module that is server-only",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "(^|/)node_modules/server-only/", reachable: true },
    },
    {
      name: "ui-only-utils",
      comment: "components/ui imports only lib/utils and other ui files",
      severity: "error",
      from: { path: "^components/ui/" },
      to: { path: "^(lib|components|app)/", pathNot: "^(components/ui/|lib/utils\\.ts$)" },
    },
    {
      name: "domain-not-to-surfaces",
      comment:
        "domain folders never import lib/api, lib/portal or lib/runtime: they take narrow dependencies",
      severity: "error",
      from: { path: `^lib/${DOMAINS}/` },
      to: { path: "^lib/(api|portal)/|^lib/runtime\\.ts$" },
    },
    {
      name: "db-not-to-domain",
      comment: "lib/db imports no domain",
      severity: "error",
      from: { path: "^lib/db/" },
      to: { path: `^lib/${DOMAINS}/` },
    },
    {
      name: "catalog-is-a-leaf",
      comment: "lib/catalog is shared by the portal and the domain: it imports nothing else of lib",
      severity: "error",
      from: { path: "^lib/catalog/" },
      to: { path: "^lib/", pathNot: "^lib/catalog/" },
    },
    {
      name: "testing-not-shipped",
      comment: "lib/testing (test runtime, fixtures) is never imported by shipped code",
      severity: "error",
      from: { pathNot: "^lib/testing/" },
      to: { path: "^lib/testing/" },
    },
    {
      name: "no-cycles-between-lib-folders",
      comment: "no circular imports between the folders of lib/",
      severity: "error",
      scope: "folder",
      from: { path: "^lib/[^/]+$" },
      to: { path: "^lib/[^/]+$", circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test\\.tsx?$" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};
