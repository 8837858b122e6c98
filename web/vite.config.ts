// Vite builds the dashboard into web/dist, which `finguard serve` serves from the same origin.
// The server's CSP is strict (script-src 'self'; style-src 'self'): the build emits only external
// module scripts and stylesheets, and no inline <script> or <style> (modulePreload's polyfill is off
// because it would be inlined into index.html by some setups; every target browser has modulepreload).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: { echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'] },
      },
    },
  },
  server: {
    // `npm run dev` proxies the API to a local `finguard serve` (FG_DEV_API, default :8080).
    proxy: { '/api': process.env.FG_DEV_API ?? 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
