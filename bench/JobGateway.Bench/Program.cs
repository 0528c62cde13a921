using JobGateway.Bench;

return await BenchCli.InvokeAsync(args);
