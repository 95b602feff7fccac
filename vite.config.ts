import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import webExtension from 'vite-plugin-web-extension';

type Target = 'chrome' | 'firefox';
const target = (process.env.TARGET ?? 'chrome') as Target;
if (target !== 'chrome' && target !== 'firefox') throw new Error(`TARGET must be chrome or firefox, not ${target}`);

/**
 * onnxruntime-web's bundle contains `new URL('ort-wasm-simd-threaded.wasm', import.meta.url)`. In the
 * plugin's lib-mode script builds Vite would inline the 14 MB wasm as base64 into the script. We ship the
 * wasm once under ort/ (scripts/build.mjs) and always set env.wasm.wasmPaths, so point the URL at the
 * running script's location instead and let Vite see no asset.
 */
function ortNoAssetInline(): Plugin {
  return {
    name: 'amplifier-lens:ort-no-asset-inline',
    enforce: 'pre',
    transform(code, id) {
      if (!/onnxruntime-web[\\/]dist[\\/].*\.mjs$/.test(id)) return null;
      return { code: code.replaceAll('import.meta.url', 'self.location.href'), map: null };
    },
  };
}

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  resolve: {
    // Where the avatar model runs differs per browser; each build links only its own bridge.
    alias: { '#model-bridge': resolve(here, `src/background/model-bridge.${target}.ts`) },
  },
  publicDir: 'public',
  define: { __BROWSER__: JSON.stringify(target) },
  build: {
    outDir: resolve(here, 'dist', target),
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    target: 'es2022',
  },
  plugins: [
    ortNoAssetInline(),
    preact(),
    webExtension({
      browser: target,
      manifest: () => JSON.parse(readFileSync(resolve(here, 'manifest.json'), 'utf8')),
      additionalInputs: [
        ...(target === 'chrome' ? ['src/offscreen/index.html'] : []),
        'src/ui/report/index.html',
      ],
      disableAutoLaunch: true,
      skipManifestValidation: true,
    }),
  ],
});
