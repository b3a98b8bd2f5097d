// The tabs a first visit opens with (GraphiQL keeps the user's own tabs after that). Each runs as written against
// a fresh server, in order: create makes `playground-demo`, update changes it, watch reports the next change to it.

const search = `# Search: free text ($query), exact
# conditions (where), sort keys (order),
# cursor paging. For the next page, copy
# pageInfo.endCursor into "after" below.
query SearchConnectors($query: String, $after: String) {
  connectors(
    query: $query
    where: {
      enabled: { eq: true }
      tags: { any: true }
    }
    order: [{ category: ASC }, { name: ASC }]
    first: 5
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      category
      tags
      version
    }
  }
}
`;

const create = `# Create: secrets in config (token,
# password, key…) are stored, and always
# read back as "******". Failures are typed
# errors in the payload: run it twice for a
# DuplicateConnectorIdError, or set "name"
# to "" (Variables) for a ValidationError.
mutation CreateConnector($input: CreateConnectorInput!) {
  createConnector(input: $input) {
    connector {
      id
      name
      category
      config
      version
    }
    errors {
      __typename
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
      ... on DuplicateConnectorIdError {
        id
      }
    }
  }
}
`;

const createVariables = {
  input: {
    id: 'playground-demo',
    name: 'Playground demo',
    description: 'Created from the GraphQL playground',
    category: 'version_control',
    tags: ['demo'],
    config: { token: 'ghp_example_token', repos: ['infinilabs/coco-server'] },
  },
};

const update = `# Update: only the fields given change.
# expectedVersion guards against lost
# updates: run it twice, and the second
# run answers a VersionConflictError
# with the current version.
mutation UpdateConnector($id: ID!, $expectedVersion: Int) {
  updateConnector(
    input: { id: $id, description: "Updated from the playground", expectedVersion: $expectedVersion }
  ) {
    connector {
      id
      description
      version
      updated
    }
    errors {
      __typename
      ... on Error {
        message
      }
      ... on VersionConflictError {
        expectedVersion
        actualVersion
      }
    }
  }
}
`;

const watch = `# Watch: live changes over WebSocket.
# Run it, then change a connector tagged
# "demo" (another window, curl, REST):
# each change shows here as it happens;
# "matches" says if it fits the filter now.
subscription WatchConnectors {
  onConnectorChanged(
    where: { tags: { some: { eq: "demo" } } }
  ) {
    kind
    id
    version
    matches
    connector {
      name
      description
      updated
    }
  }
}
`;

const json = (value) => JSON.stringify(value, null, 2);

export const exampleTabs = [
  { query: search, variables: json({ query: null, after: null }) },
  { query: create, variables: json(createVariables) },
  { query: update, variables: json({ id: 'playground-demo', expectedVersion: 1 }) },
  { query: watch },
];
