import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// zod is configured once (jitless, for the page's CSP) in src/sandbox/zod.ts.
const zodThroughOnePlace = { name: "zod", message: "Import z from src/sandbox/zod.ts." };

export default tseslint.config(
  { ignores: ["dist", "dist-lib", "node_modules", "test-results", "playwright-report", "public"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["src/ui/**/*.{ts,tsx}", "src/main.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/sandbox/zod.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [zodThroughOnePlace] }] },
  },
  {
    // The first Intl number format loads ICU's locale data on the main thread (30-450 ms
    // measured): numbers in text go through groupDigits (src/sandbox/digits.ts).
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name=/^toLocale(String|DateString|TimeString)$/]",
          message: "Use groupDigits from src/sandbox/digits.ts.",
        },
      ],
    },
  },
  {
    // Code for the next engineer (issue 16): engine files under 400 lines, functions about 100.
    files: ["src/sandbox/**/*.ts"],
    ignores: ["src/sandbox/**/*.test.ts"],
    rules: {
      "max-lines": ["error", { max: 400 }],
      "max-lines-per-function": ["error", { max: 100, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The engine is framework-free: it must never pull in React.
    files: ["src/sandbox/**/*.ts"],
    ignores: ["src/sandbox/zod.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [zodThroughOnePlace],
          patterns: ["react", "react-dom", "react/*", "../ui/*", "../../ui/*"],
        },
      ],
    },
  },
);
