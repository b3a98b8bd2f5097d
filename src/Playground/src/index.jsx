import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { Kind, parse } from 'graphql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './playground.css';
import { exampleTabs } from './examples.js';
import { sdlPlugin } from './sdl-plugin.jsx';

// Monaco's language services run in workers, built as separate hashed files next to this script (build.mjs).
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const file = __MONACO_WORKERS__[label] ?? __MONACO_WORKERS__.editor;
    return new Worker(new URL(`./${file}`, import.meta.url), { name: label });
  },
};

const host = document.getElementById('graphiql');
const endpoint = new URL(host.dataset.endpoint, window.location.href);
const subscriptions = new URL(endpoint);
subscriptions.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

// Queries and mutations over HTTP POST; subscriptions over graphql-transport-ws on the same path, with the
// headers editor's values as connection parameters.
const transport = createGraphiQLFetcher({
  url: endpoint.href,
  subscriptionUrl: subscriptions.href,
  enableIncrementalDelivery: false,
});

// GraphiQL learns a tab's operations 100 ms after its text changes; a run sooner (Ctrl-Enter right after switching
// tabs) would pick the transport and operation name of the text before. Read them from the text being sent instead.
function fetcher(params, options) {
  let document;
  try {
    document = parse(params.query);
  } catch {
    return transport(params, options);
  }
  const names = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).map((d) => d.name?.value);
  const operationName = names.includes(params.operationName) || names.length !== 1 ? params.operationName : names[0];
  return transport({ ...params, operationName }, { ...options, documentAST: document });
}

function Playground() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={exampleTabs}
      shouldPersistHeaders
      plugins={[HISTORY_PLUGIN, sdlPlugin(host.dataset.sdl)]}
    >
      <GraphiQL.Logo>
        <a className="coco-logo" href={host.dataset.home}>Coco Connectors</a>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(host).render(<Playground />);
