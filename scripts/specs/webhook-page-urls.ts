/** Per-event webhook pages, relative to the docs root: `api-reference/<family>-webhooks/<event>[.md]`. */
const WEBHOOK_PAGE = /^api-reference\/[a-z0-9-]+-webhooks\/[a-z0-9-]+(?:\.md)?$/;
const MARKDOWN_LINK = /\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** The base URL as a folder URL (trailing slash), so relative paths resolve under it. */
export function docsRoot(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  url.search = "";
  url.hash = "";
  return url;
}

/**
 * The markdown URLs of the per-event webhook pages listed in a `llms.txt` index, in index order, without
 * duplicates. Links to another host (the index names `https://docs.argyle.com/...`) are fetched from `root`
 * instead, so a mirror or a local server can stand in for Argyle's site. Family overviews, legacy pages and
 * other pages are ignored.
 *
 * @example
 * webhookPageUrls("- [Updated](https://docs.argyle.com/api-reference/gigs-webhooks/updated.md)", docsRoot("http://127.0.0.1:8080"))
 * // -> [URL "http://127.0.0.1:8080/api-reference/gigs-webhooks/updated.md"]
 */
export function webhookPageUrls(indexText: string, root: URL): URL[] {
  const indexUrl = new URL("llms.txt", root);
  const seen = new Set<string>();
  const pages: URL[] = [];
  for (const match of indexText.matchAll(MARKDOWN_LINK)) {
    let url: URL;
    try {
      url = new URL(match[1] ?? "", indexUrl);
    } catch {
      continue;
    }
    let relative: string;
    if (url.origin === root.origin) {
      if (!url.pathname.startsWith(root.pathname)) continue;
      relative = url.pathname.slice(root.pathname.length);
    } else {
      relative = url.pathname.replace(/^\/+/, "");
    }
    if (!WEBHOOK_PAGE.test(relative)) continue;
    const page = new URL(relative.endsWith(".md") ? relative : `${relative}.md`, root);
    if (seen.has(page.href)) continue;
    seen.add(page.href);
    pages.push(page);
  }
  return pages;
}
