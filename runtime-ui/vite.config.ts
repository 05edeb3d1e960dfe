import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

/** The engine the dev server forwards API calls to (`npx opsflux serve`, or `npm start`). */
const engine = process.env.OPSFLUX_ENGINE ?? 'http://localhost:3000';

/**
 * socket.io refuses a browser Origin other than the engine's own: the dev server speaks for the
 * page, so it presents the engine's origin on the live connection (WebSocket and polling).
 */
const live: ProxyOptions = {
  target: engine,
  ws: true,
  changeOrigin: true,
  configure: (proxy) => {
    proxy.on('proxyReq', (req) => req.setHeader('origin', engine));
    proxy.on('proxyReqWs', (req) => req.setHeader('origin', engine));
  },
};
const proxy = { '/api': engine, '/healthz': engine, '/socket.io': live };

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { port: 5173, proxy },
  preview: { proxy },
});
