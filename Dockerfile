# syntax=docker/dockerfile:1
# JobGateway images. `docker build .` gives the gateway; `--target simulator` the simulated upstream
# (demo and compose). The publish commands are the ones .ci/run runs, so CI proves they build.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY proto/ proto/
COPY src/ src/
RUN dotnet publish src/JobGateway/JobGateway.csproj -c Release -o /app/gateway
RUN dotnet publish src/JobGateway.Simulator/JobGateway.Simulator.csproj -c Release -o /app/simulator

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS simulator
WORKDIR /app
COPY --from=build /app/simulator .
USER $APP_UID
EXPOSE 9000
ENTRYPOINT ["dotnet", "JobGateway.Simulator.dll", "--urls", "http://0.0.0.0:9000"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS gateway
WORKDIR /app
COPY --from=build /app/gateway .
# The aspnet images ship a non-root user; APP_UID is its id.
USER $APP_UID
ENV ASPNETCORE_ENVIRONMENT=Production
# 8080: gRPC (HTTP/2, h2c). 8081: HTTP/1.1 health, metrics, webhooks.
EXPOSE 8080 8081
HEALTHCHECK --interval=10s --timeout=4s --start-period=10s --retries=3 \
  CMD ["dotnet", "JobGateway.dll", "--healthcheck", "http://127.0.0.1:8081/healthz"]
ENTRYPOINT ["dotnet", "JobGateway.dll"]
