/**
 * A tiny static server for the built site, on a free loopback port. With
 * `isolation: true` it sends COOP/COEP like the dev and preview servers;
 * without, it plays a static host that cannot set headers. With `gzip`, it
 * compresses text as every real static host does (Lighthouse's simulated
 * slow network charges uncompressed bytes).
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createGzip } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pagefind": "application/octet-stream",
  ".woff2": "font/woff2",
  ".xml": "application/xml",
};

export interface StaticServer {
  url: string;
  /** The file the server sends for `pathname` (`null`: outside the root, a 403), whether it exists or not. */
  fileFor(pathname: string): string | null;
  close(): Promise<void>;
}

export async function serveStatic(
  root: string,
  opts: { isolation: boolean; extra?: Record<string, string>; gzip?: boolean },
): Promise<StaticServer> {
  const fileFor = (pathname: string): string | null => {
    const extra = opts.extra?.[pathname];
    if (extra) return extra;
    const file = path.join(root, decodeURIComponent(pathname));
    if (!file.startsWith(root)) return null;
    return existsSync(file) && statSync(file).isDirectory() ? path.join(file, "index.html") : file;
  };
  const server: Server = createServer((req, res) => {
    const file = fileFor(new URL(req.url ?? "/", "http://localhost").pathname);
    if (file === null) {
      res.writeHead(403).end();
      return;
    }
    const headers: Record<string, string> = opts.isolation
      ? {
          "Cross-Origin-Opener-Policy": "same-origin",
          "Cross-Origin-Embedder-Policy": "require-corp",
        }
      : {};
    if (!existsSync(file)) {
      res.writeHead(404, { "Content-Type": "text/plain", ...headers }).end("not found");
      return;
    }
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    const gzip =
      opts.gzip &&
      /^(text\/|application\/(json|xml)|image\/svg)/.test(type) &&
      /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(200, {
      "Content-Type": type,
      "Cache-Control": "no-cache",
      ...(gzip ? { "Content-Encoding": "gzip", Vary: "Accept-Encoding" } : {}),
      ...headers,
    });
    if (gzip) createReadStream(file).pipe(createGzip()).pipe(res);
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    fileFor,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
