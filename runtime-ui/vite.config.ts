import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The engine the dev server forwards API calls to (`npx opsflux serve`). */
const engine = 'http://localhost:3000';
const proxy = { '/api': engine, '/healthz': engine };

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { port: 5173, proxy },
  preview: { proxy },
});
