namespace Coco.Connectors.Tests.Limits;

/// <summary>The introspection queries IDEs send; they must always pass the limits.</summary>
public static class IntrospectionQueries
{
    /// <summary>graphql-js 16's <c>getIntrospectionQuery()</c> (GraphiQL, Apollo tooling, codegen), verbatim but for white space.</summary>
    public const string GraphQLJs = """
        query IntrospectionQuery {
          __schema {
            queryType { name kind }
            mutationType { name kind }
            subscriptionType { name kind }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        """ + "\n" + Fragments;

    public const string Fragments = """
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
            ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
        }
        """;
}
