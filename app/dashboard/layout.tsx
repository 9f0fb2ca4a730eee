import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { PortalProviders } from "@/components/providers/portal-providers";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { PortalContextProvider } from "@/components/shell/portal-context-provider";
import { ROLE_PERMISSIONS } from "@/lib/catalog/roles";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { REQUEST_PATH_HEADER } from "@/lib/portal/request-path";
import { selectEnvironment, selectOrganization, selectProject } from "./actions";

export const metadata: Metadata = {
  title: { default: "Dashboard", template: "%s · Cloud API Platform" },
  robots: { index: false, follow: false },
};

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const asked = (await headers()).get(REQUEST_PATH_HEADER) ?? "/dashboard";
  const context = await requireDashboardContext(asked);
  const value = { ...context, permissions: [...ROLE_PERMISSIONS[context.role]] };
  return (
    <PortalProviders>
      <PortalContextProvider
        value={value}
        actions={{ selectOrganization, selectProject, selectEnvironment }}
      >
        <DashboardShell>{children}</DashboardShell>
      </PortalContextProvider>
    </PortalProviders>
  );
}
