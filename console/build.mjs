// Bundles src/main.ts and app.css into ../src/Incidents.Api/wwwroot with hashed names, and writes index.html naming them.
import { build } from "esbuild";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, "..", "src", "Incidents.Api", "wwwroot");

// Old hashed files would pile up otherwise.
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "assets"), { recursive: true });

const result = await build({
  entryPoints: { app: join(here, "src", "main.ts"), style: join(here, "app.css") },
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: false,
  entryNames: "[name]-[hash]",
  outdir: join(out, "assets"),
  metafile: true,
  logLevel: "warning",
});

const names = Object.keys(result.metafile.outputs).map((o) => basename(o));
const script = names.find((n) => n.startsWith("app-") && n.endsWith(".js"));
const style = names.find((n) => n.startsWith("style-") && n.endsWith(".css"));
if (!script || !style) {
  throw new Error(`esbuild wrote ${names.join(", ")}: no app script or style`);
}

const page = readFileSync(join(here, "index.html"), "utf8")
  .replace("/assets/app.js", `/assets/${script}`)
  .replace("/assets/app.css", `/assets/${style}`);
writeFileSync(join(out, "index.html"), page);
