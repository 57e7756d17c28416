// Bundle the browser's ES modules (bnviz/ui/js) into one file per Streamlit component
// (bnviz/ui/js/dist), as st.components.v2 takes a component's code as one string.
//   npm run build            write the bundles
//   npm run build -- --check say which bundles differ from their sources' build (exit 1)
// esbuild does the linking: a maintained bundler, not a concatenation of our own.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const js = join(root, "bnviz", "ui", "js");
export const ENTRIES = { chart: "chart/chart.js", valley_live: "valley/live.js", race_live: "race/live.js" };
const check = process.argv.includes("--check");

let stale = 0;
for (const [name, entry] of Object.entries(ENTRIES)) {
  const out = join(js, "dist", name + ".js");
  const result = await build({
    entryPoints: [join(js, entry)], bundle: true, format: "esm", target: "es2020",
    charset: "utf8", legalComments: "none", write: !check, outfile: out,
    banner: { js: "// Built by scripts/build-js.mjs from bnviz/ui/js/" + entry + ": edit the sources, then `npm run build`." },
  });
  if (check) {
    const built = result.outputFiles[0].text;
    let committed;
    try { committed = readFileSync(out, "utf8"); } catch { committed = ""; }
    if (built !== committed) {
      console.error("stale: bnviz/ui/js/dist/" + name + ".js (run `npm run build`)");
      stale += 1;
    }
  }
}
if (check && !stale) console.log("bundles: " + Object.keys(ENTRIES).length + " up to date");
process.exit(stale ? 1 : 0);
