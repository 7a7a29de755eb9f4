using Incidents.LoadGenerator;

// dotnet run -c Release --project bench/Incidents.LoadGenerator -- [--alerts 200000 ...]; see README.md.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(string.IsNullOrEmpty(e.Message) ? LoadOptions.Usage : $"{e.Message}\n{LoadOptions.Usage}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

using var handler = new SocketsHttpHandler
{
    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    MaxConnectionsPerServer = int.MaxValue,
};
using var ingest = Client(options.IngestKey);
using var analyst = Client(options.AnalystKey);

try
{
    using var health = await analyst.GetAsync(new Uri("health", UriKind.Relative), cancel.Token);
    if (!health.IsSuccessStatusCode)
    {
        await Console.Error.WriteLineAsync($"{options.Url}health answers {(int)health.StatusCode}: is the system up? (dotnet run --project AppHost)");
        return 2;
    }

    var report = await LoadRun.RunAsync(options, ingest, analyst, cancel.Token, Console.Error);
    Console.Out.Write(report.ToMarkdown());
    return report.Passed ? 0 : 1;
}
catch (HttpRequestException e)
{
    await Console.Error.WriteLineAsync($"{options.Url} cannot be reached or read: {e.Message} (is the system up? dotnet run --project AppHost)");
    return 2;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("cancelled");
    return 130;
}

HttpClient Client(string key)
{
    var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(2) };
    client.DefaultRequestHeaders.Add("X-Api-Key", key);
    return client;
}
