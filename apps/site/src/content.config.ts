import { defineCollection } from "astro:content";
import { docsLoader, i18nLoader } from "@astrojs/starlight/loaders";
import { docsSchema, i18nSchema } from "@astrojs/starlight/schema";
import { lessonLoader } from "./lib/lesson-loader.ts";

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // Starlight reads it on every page; one entry with no keys (i18n/en.json)
  // changes no UI string, and keeps the build from warning that it is missing.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  lessons: defineCollection({ loader: lessonLoader() }),
};
