// Apollo Client 4 with PersistedQueryLink (automatic persisted queries) over HTTP: a query twice and a mutation, each
// request logged (method, whether it carried the text, status) so the caller can check the hash-only → not found →
// register → hash-only sequence.
// usage: node apollo-apq.mjs <http url of /graphql> <post|get>   → prints {"requests", "first", "second", "created"} as one JSON line
import { createHash } from "node:crypto";
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";

const [url, mode] = process.argv.slice(2);
const requests = [];
const loggingFetch = async (input, init) => {
  const response = await fetch(input, init);
  const target = new URL(typeof input === "string" ? input : input.url);
  const body = init?.body ? JSON.parse(init.body) : null;
  requests.push({
    method: init?.method ?? "GET",
    withText: Boolean(body?.query ?? target.searchParams.get("query")),
    withHash: Boolean(body?.extensions?.persistedQuery ?? target.searchParams.get("extensions")),
    status: response.status,
  });
  return response;
};

const client = new ApolloClient({
  cache: new InMemoryCache(),
  link: ApolloLink.from([
    new PersistedQueryLink({
      sha256: text => createHash("sha256").update(text).digest("hex"),
      useGETForHashedQueries: mode === "get",
    }),
    new HttpLink({
      uri: url,
      fetch: loggingFetch,
      headers: process.env.COCO_API_TOKEN ? { "X-API-TOKEN": process.env.COCO_API_TOKEN } : {},
    }),
  ]),
});

const marker = Math.random().toString(36).slice(2);
// An alias unique to this run, so that no earlier run has registered the same document (printing drops comments).
const query = gql`query ApqGitHub { connectorById(id: "github") { id name } m${marker}: __typename }`;
const first = await client.query({ query, fetchPolicy: "network-only" });
const second = await client.query({ query, fetchPolicy: "network-only" });
const created = await client.mutate({
  mutation: gql`mutation ApqCreate($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id name } } m${marker}: __typename }`,
  variables: { input: { name: `apq ${marker}` } },
});
console.log(JSON.stringify({
  requests,
  first: first.data.connectorById,
  second: second.data.connectorById,
  created: created.data.createConnector.connector,
}));
