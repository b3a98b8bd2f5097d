// graphql-codegen (typescript + typescript-operations) against the running server's introspection, over the example
// operations in docs/examples, then TypeScript typechecks a small file using the generated types, and must reject
// one that misuses them (so the check is not vacuous).
// Usage: node codegen.mjs <http-url> <examples-folder>; prints one JSON report line.
import { generate } from '@graphql-codegen/cli';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const [url, examples] = process.argv.slice(2);
if (!url || !examples) {
  console.error('usage: node codegen.mjs <http-url> <examples-folder>');
  process.exit(64);
}
setTimeout(() => { console.error('codegen: timed out'); process.exit(2); }, 150_000).unref();

const token = process.env.COCO_API_TOKEN;
const folder = mkdtempSync(join(tmpdir(), 'coco-codegen-'));
const report = {};
try {
  const [output] = await generate({
    schema: { [url]: { headers: token ? { 'X-API-TOKEN': token } : {} } },
    documents: join(examples, '*.graphql'),
    generates: {
      [join(folder, 'types.ts')]: {
        plugins: ['typescript-operations'],
        config: { scalars: { DateTime: 'string', JSON: 'unknown' }, enumsAsTypes: true },
      },
    },
    silent: true,
  }, true);
  report.generated = output.content.length;
  report.types = ['ListConnectorsQuery', 'CreateConnectorMutation', 'WatchChangesSubscription'].filter((t) => output.content.includes(`export type ${t} =`));

  writeFileSync(join(folder, 'good.ts'), `
import type { ListConnectorsQuery, ListConnectorsQueryVariables, CreateConnectorMutation, WatchChangesSubscription } from './types';
export const variables: ListConnectorsQueryVariables = { first: 5, category: 'cloud_storage' };
export const names = (q: ListConnectorsQuery): string[] => q.connectors?.nodes?.map((n) => n.name) ?? [];
export const firstError = (m: CreateConnectorMutation): string | undefined => m.createConnector.errors?.[0]?.message;
export const matches = (e: WatchChangesSubscription): boolean => e.onConnectorChanged.matches;
`);
  writeFileSync(join(folder, 'bad.ts'), `
import type { ListConnectorsQueryVariables } from './types';
export const variables: ListConnectorsQueryVariables = { first: 'five' };
`);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const check = (file) => {
    try {
      execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', join(folder, file)], { encoding: 'utf8' });
      return 'ok';
    } catch (error) {
      return String(error.stdout || error.message).trim();
    }
  };
  report.good = check('good.ts');
  report.bad = check('bad.ts');
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(JSON.stringify(report));
