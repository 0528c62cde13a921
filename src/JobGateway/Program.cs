using JobGateway.Hosting;

await GatewayHost.Build(args).RunAsync();
