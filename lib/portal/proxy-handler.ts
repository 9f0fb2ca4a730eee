import "server-only";
import { getRuntime, type Runtime } from "@/lib/runtime";
import { getPortalContext } from "./current-context";
import { type ProxyDeps, proxyToApi } from "./proxy";

const depsByRuntime = new WeakMap<Runtime, ProxyDeps>();

function originsOf(url: string | undefined): string[] {
  return url && URL.canParse(url) ? [new URL(url).origin] : [];
}

function depsOf(runtime: Runtime): ProxyDeps {
  let deps = depsByRuntime.get(runtime);
  if (!deps) {
    const { config } = runtime;
    deps = {
      async member() {
        // Session cookie + cap_org/cap_project/cap_env, checked against the member's memberships.
        const context = await getPortalContext();
        if (!context) return null;
        return {
          userId: context.user.id,
          organizationId: context.organization.id,
          projectId: context.project.id,
          environment: context.environment,
          role: context.role,
        };
      },
      sessionSecret: runtime.sessionSecret,
      apiFetch: (request, bindings) => runtime.api.fetch(request, bindings),
      cloudApiUrl: config.cloudApiUrl,
      now: runtime.now,
      publicOrigins: originsOf(config.nextAuthUrl),
      docsOrigin: config.docsOrigin,
      logger: runtime.logger,
    };
    depsByRuntime.set(runtime, deps);
  }
  return deps;
}

/** The route handler of app/api/proxy/[...path]: every method goes through proxyToApi. */
export async function handleProxyRequest(request: Request): Promise<Response> {
  return proxyToApi(request, depsOf(await getRuntime()));
}
