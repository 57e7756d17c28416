// ESLint for the browser's code (bnviz/ui/js): ES modules, run in the page (plotly.js is the
// page's global Plotly, loaded by the chart component). The bundles in dist/ are esbuild's
// output, not ours to lint.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["bnviz/ui/js/dist/**", "node_modules/**", ".venv/**", ".venv-tools/**", "static/**"] },
  js.configs.recommended,
  {
    files: ["bnviz/ui/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_" }],
      "no-implicit-globals": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["scripts/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
