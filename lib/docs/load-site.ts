import { loadOpenApiDocument } from "./openapi-document";
import { buildDocsSite, type DocsSite } from "./site";

let site: Promise<DocsSite> | undefined;

/** The docs of this build's API, made once per process. */
export function loadDocsSite(): Promise<DocsSite> {
  site ??= loadOpenApiDocument().then(buildDocsSite);
  return site;
}
