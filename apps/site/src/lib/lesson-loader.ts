/**
 * A content loader for the `lessons` collection: one entry per lesson
 * package, its prose split at the marker lines and rendered with the site's
 * own Markdown pipeline (so code blocks in the prose get Expressive Code).
 */
import path from "node:path";
import type { Loader } from "astro/loaders";
import { z } from "astro/zod";
import { lessonsDir, listLessons, readProse } from "./lessons.ts";
import { splitProse } from "./segments.ts";

const segment = z.union([
  z.object({ kind: z.literal("prose"), html: z.string() }),
  z.object({ kind: z.enum(["sample", "output", "timeline", "python", "demo"]) }),
]);

export const lessonSchema = z.object({
  folder: z.string(),
  number: z.number(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  highlight: z.array(z.union([z.number(), z.string()])),
  href: z.string(),
  dir: z.string(),
  segments: z.array(segment),
  headings: z.array(z.object({ depth: z.number(), slug: z.string(), text: z.string() })),
});

export type LessonEntry = z.infer<typeof lessonSchema>;

export function lessonLoader(): Loader {
  return {
    name: "unravel-lessons",
    schema: lessonSchema,
    async load(context) {
      const dir = lessonsDir();
      const sync = async () => {
        context.store.clear();
        for (const lesson of listLessons(dir)) {
          const segments = [];
          const headings = [];
          const fileURL = new URL(`file://${path.join(lesson.dir, "lesson.md")}`);
          for (const part of splitProse(readProse(lesson))) {
            if (part.kind !== "prose") {
              segments.push(part);
              continue;
            }
            const rendered = await context.renderMarkdown(part.markdown, { fileURL });
            segments.push({ kind: "prose" as const, html: rendered.html });
            headings.push(...((rendered.metadata?.headings ?? []) as LessonEntry["headings"]));
          }
          const data = await context.parseData({
            id: lesson.folder,
            data: { ...lesson, segments, headings },
          });
          context.store.set({ id: lesson.folder, data, digest: context.generateDigest(data) });
        }
      };
      await sync();
      context.watcher?.add(dir);
      context.watcher?.on("all", (_event, file) => {
        // New or renamed lesson folders change the sidebar too: that needs a restart of `astro dev`.
        if (file.startsWith(dir) && /[\\/]lesson\.md$/.test(file)) void sync();
      });
    },
  };
}
