# Coco Connectors GraphQL server image (see docker-compose.yml for two instances on PostgreSQL).
# Configuration is by environment: ASPNETCORE_URLS, Storage__Provider, Storage__ConnectionString, Storage__Postgres__*.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so that source edits keep the package layer cached.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Schema/Coco.Connectors.GraphQL.Schema.csproj src/Schema/
COPY src/Server/Coco.Connectors.GraphQL.Server.csproj src/Server/
RUN dotnet restore src/Server/Coco.Connectors.GraphQL.Server.csproj
COPY src/ src/
RUN dotnet publish src/Server/Coco.Connectors.GraphQL.Server.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl answers the HEALTHCHECK; the runtime image has no HTTP client of its own.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir /data && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:9000 \
    Storage__Provider=sqlite \
    Storage__ConnectionString="Data Source=/data/coco.db"
# The image's unprivileged "app" user; /data holds the SQLite file when no PostgreSQL is configured.
USER $APP_UID
VOLUME /data
EXPOSE 9000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["curl", "-fsS", "http://127.0.0.1:9000/healthz"]
ENTRYPOINT ["dotnet", "Coco.Connectors.GraphQL.Server.dll"]
