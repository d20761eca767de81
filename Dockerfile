# Production image of the SyncMonitor host (used by docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/SyncMonitor.Api/SyncMonitor.Api.csproj src/SyncMonitor.Api/
RUN dotnet restore src/SyncMonitor.Api/SyncMonitor.Api.csproj
COPY src/ src/
RUN dotnet publish src/SyncMonitor.Api/SyncMonitor.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    DataDirectory=/var/lib/syncmonitor
RUN mkdir -p /var/lib/syncmonitor && chown app:app /var/lib/syncmonitor
USER app
EXPOSE 5080
ENTRYPOINT ["dotnet", "SyncMonitor.Api.dll"]
