/**
 * Where a learner's edit of a sample lives between visits: in this
 * browser's localStorage, one entry per lesson, and in a Share link, the
 * code itself in the URL's fragment (deflated, base64url), so that no
 * server keeps or even sees it.
 */

const PREFIX = "unravel:edit:";
const PARAM = "code";

export function storedEdit(lesson: string): string | null {
  try {
    return localStorage.getItem(PREFIX + lesson);
  } catch {
    return null; // storage blocked: edits last as long as the page
  }
}

/** Keeps `code` for `lesson`, or forgets it when it is the lesson's own code. */
export function keepEdit(lesson: string, code: string, original: string): void {
  try {
    if (code === original) localStorage.removeItem(PREFIX + lesson);
    else localStorage.setItem(PREFIX + lesson, code);
  } catch {
    // storage full or blocked: nothing to do but keep going
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** This page's URL with `code` in its fragment. */
export async function shareLink(code: string): Promise<string> {
  const packed = await pipe(new TextEncoder().encode(code), new CompressionStream("deflate-raw"));
  const url = new URL(location.href);
  url.hash = `${PARAM}=${toBase64Url(packed)}`;
  return url.href;
}

/** The code a Share link carries, if this page was opened with one. */
export async function sharedCode(): Promise<string | null> {
  const match = new RegExp(`^#${PARAM}=([\\w-]+)$`).exec(location.hash);
  if (!match) return null;
  try {
    const bytes = await pipe(fromBase64Url(match[1]!), new DecompressionStream("deflate-raw"));
    return new TextDecoder().decode(bytes);
  } catch {
    return null; // a cut or mangled link: the page shows the lesson's code
  }
}

/** Whether the page was opened with a Share link (checked without loading this module's work). */
export const hasSharedCode = () => location.hash.startsWith(`#${PARAM}=`);
