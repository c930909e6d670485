import js from "@eslint/js";
import importX from "eslint-plugin-import-x";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "server-build/**",
      "data/**",
      "tmp/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "db/migrations/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { "import-x": importX },
    rules: {
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "import-x/no-duplicates": ["error", { "prefer-inline": true }],
      "import-x/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", "parent", "sibling", "index"],
          alphabetize: { order: "asc", caseInsensitive: true },
          pathGroups: [{ pattern: "~/**", group: "internal" }],
        },
      ],
      "no-console": "off",
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "react/prop-types": "off",
    },
  },
  // The layers (README, "Architecture"): the domain is pure, models reach only db and the
  // domain, and nothing below the pages reaches up into components or routes.
  ...layer(
    ["app/domain/**/*.ts"],
    ["models", "server", "forms", "hooks", "utils", "live", "components", "routes", "i18n"],
    ["db", "realtime"],
  ),
  ...layer(
    ["app/models/**/*.ts"],
    ["server", "forms", "hooks", "utils", "live", "components", "routes"],
    ["realtime"],
  ),
  ...layer(["app/{forms,server,utils,hooks}/**/*.{ts,tsx}"], ["components", "routes"], []),
);

/**
 * Forbids files matching `files` (tests excepted) to import from the given app folders (as
 * `~/x/…` or `../x/…`) or top-level folders (`../../x/…`).
 */
function layer(files, appFolders, rootFolders) {
  const patterns = [
    ...appFolders.flatMap((f) => [`~/${f}/*`, `../${f}/*`, `../../${f}/*`]),
    ...rootFolders.flatMap((f) => [`../../${f}/*`, `../../../${f}/*`]),
  ];
  return [
    {
      files,
      ignores: ["**/*.test.ts", "**/*.test.tsx"],
      rules: {
        "no-restricted-imports": [
          "error",
          { patterns: [{ group: patterns, message: "crosses a layer (README, Architecture)" }] },
        ],
      },
    },
  ];
}
