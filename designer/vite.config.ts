import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The engine the dev server forwards API calls to (`npx opsflux serve`). */
const engine = 'http://localhost:3000';
const proxy = { '/api': engine, '/healthz': engine };

export default defineConfig({
  // The engine serves this app under /designer/, so built asset URLs must start there.
  base: '/designer/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { port: 5174, proxy },
  preview: { proxy },
});
