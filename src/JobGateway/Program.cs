using JobGateway.Hosting;

// `JobGateway --healthcheck URL` probes a health endpoint and exits 0 or 1: the container's HEALTHCHECK,
// since the runtime image has no curl.
if (args is ["--healthcheck", var url])
{
    return await HealthProbe.RunAsync(new Uri(url));
}

await GatewayHost.Build(args).RunAsync();
return 0;
