import { defineConfig } from "vitest/config";

// Plain esbuild JSX (tsconfig: jsxImportSource preact): no framework plugin needed.
export default defineConfig({
  clearScreen: false,
  build: {
    target: "es2021",
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
