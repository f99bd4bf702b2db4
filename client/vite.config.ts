import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

/**
 * The PWA: the whole app shell is precached, navigations fall back to index.html offline,
 * and a new version waits until the user accepts it (never reloads under an open form).
 */
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'Kusanya',
        short_name: 'Kusanya',
        description: 'Collecte de données hors ligne pour la protection sociale',
        lang: 'fr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f7f7f2',
        theme_color: '#0f6b4f',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The office screens (hq/, a lazy chunk) are online-only: tablets do not download them with the app.
        // The ZXing barcode reader is only needed where the browser has no BarcodeDetector: it is cached
        // when first loaded (the app loads it while online once a form with a barcode question arrives).
        globIgnores: ['**/HqRoutes-*', '**/zxing-*'],
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /\/assets\/zxing-[\w-]+\.js$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'kusanya-barcode-reader', expiration: { maxEntries: 2 } },
          },
        ],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: { target: 'es2022', sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
