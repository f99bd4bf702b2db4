/** Defined by the bundler (vite for the app, esbuild for the bench driver). */
declare const __APP_VERSION__: string;
