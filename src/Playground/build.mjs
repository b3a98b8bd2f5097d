// Bundles GraphiQL for the server: hashed file names (cached forever by browsers), each also gzip- and
// brotli-compressed, and manifest.json naming the entry files for the page. Usage: node build.mjs <output folder>
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const out = path.resolve(process.argv[2] ?? 'dist');
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  outdir: out,
  target: 'es2022',
  metafile: true,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

const entryFile = (metafile, entry) =>
  path.basename(Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === entry)[0]);

// Monaco's workers first: the main script needs their hashed names.
const workerEntries = {
  editor: 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js',
  json: 'node_modules/monaco-editor/esm/vs/language/json/json.worker.js',
  graphql: 'node_modules/monaco-graphql/esm/graphql.worker.js',
};
const workers = await esbuild.build({
  ...common,
  entryPoints: Object.fromEntries(Object.entries(workerEntries).map(([label, file]) => [`${label}.worker`, file])),
  entryNames: '[name]-[hash]',
  format: 'iife',
});
const workerFiles = Object.fromEntries(
  Object.entries(workerEntries).map(([label, file]) => [label, entryFile(workers.metafile, file)]));

// graphiql/style.css already carries Monaco's styles; the copies Monaco's modules import would only be repeated
// (and, in lazily loaded chunks, never applied: esbuild leaves loading a chunk's CSS to the page).
const monacoCssOnce = {
  name: 'monaco-css-once',
  setup(build) {
    build.onLoad({ filter: /[\\/]monaco-editor[\\/]esm[\\/].*\.css$/ }, () => ({ contents: '', loader: 'css' }));
  },
};

const main = await esbuild.build({
  ...common,
  plugins: [monacoCssOnce],
  // GraphiQL's prettify imports Prettier's parsers by their legacy names, which point at UMD files whose exports
  // esbuild cannot see; the ES module builds of the same plugins work.
  alias: { 'prettier/parser-graphql': 'prettier/plugins/graphql', 'prettier/parser-babel': 'prettier/plugins/babel' },
  entryPoints: { graphiql: 'src/index.jsx' },
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  format: 'esm',
  splitting: true,
  jsx: 'automatic',
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
  define: { ...common.define, __MONACO_WORKERS__: JSON.stringify(workerFiles) },
});
const outputs = Object.entries(main.metafile.outputs);
const script = outputs.find(([, o]) => o.entryPoint === 'src/index.jsx')[0];
const manifest = {
  script: path.basename(script),
  style: path.basename(main.metafile.outputs[script].cssBundle),
};
await writeFile(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));

// GraphiQL's stylesheet inlines its fonts (every unicode range of Roboto and Fira Code, and Monaco's icons) as data:
// URLs, which every visitor downloads in full. As files of their own, the browser fetches only the ranges a page uses.
const fontTypes = { woff2: 'woff2', woff: 'woff', ttf: 'ttf' };
for (const name of (await readdir(out)).filter((n) => n.endsWith('.css'))) {
  const css = await readFile(path.join(out, name), 'utf8');
  const fonts = [];
  const rewritten = css.replace(/url\(data:font\/(woff2|woff|ttf);base64,([A-Za-z0-9+/=]+)\)/g, (_, type, base64) => {
    const bytes = Buffer.from(base64, 'base64');
    const file = `font-${createHash('sha256').update(bytes).digest('base64url').slice(0, 10)}.${fontTypes[type]}`;
    fonts.push(writeFile(path.join(out, file), bytes));
    return `url(./${file})`;
  });
  await Promise.all(fonts);
  await writeFile(path.join(out, name), rewritten);
}

let raw = 0, gzip = 0, brotli = 0;
for (const name of (await readdir(out)).filter((n) => n !== 'manifest.json')) {
  const bytes = await readFile(path.join(out, name));
  raw += bytes.length;
  // WOFF and WOFF2 are compressed already.
  if (/\.woff2?$/.test(name)) {
    gzip += bytes.length; brotli += bytes.length;
    continue;
  }

  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  await writeFile(path.join(out, `${name}.gz`), gz);
  await writeFile(path.join(out, `${name}.br`), br);
  gzip += gz.length; brotli += br.length;
}
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`playground: ${manifest.script}, ${manifest.style} and ${Object.keys(workerFiles).length} workers in ${out}: ` +
  `${kib(raw)} (${kib(gzip)} gzip, ${kib(brotli)} brotli)`);
