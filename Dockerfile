# syntax=docker/dockerfile:1
# JobGateway: multi-stage build. The build stage runs the same `dotnet publish` as a developer would.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY proto/ proto/
COPY src/ src/
RUN dotnet publish src/JobGateway/JobGateway.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# The aspnet images ship a non-root user; APP_UID is its id.
USER $APP_UID
ENV ASPNETCORE_ENVIRONMENT=Production
# 8080: gRPC (HTTP/2, h2c). 8081: HTTP/1.1 health and metrics.
EXPOSE 8080 8081
ENTRYPOINT ["dotnet", "JobGateway.dll"]
