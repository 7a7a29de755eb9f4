using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Incidents.Testing;

/// <summary>
/// A built .NET program run as its own process, as in production: started with an environment,
/// waited on until its health endpoint answers, stopped gracefully (SIGTERM) or killed.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int MaxLines = 400;
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private StreamWriter? _log;

    private ServiceProcess(Process process, string name, Uri baseAddress)
    {
        _process = process;
        Name = name;
        BaseAddress = baseAddress;
    }

    private int _disposed;

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    public static ServiceProcess Start(string name, string dll, int httpPort, IReadOnlyDictionary<string, string> environment)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, name, baseAddress);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.Start();
        service.LogTo(Environment.GetEnvironmentVariable("INCIDENTS_TEST_LOG_DIR"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200, the process dies, or the deadline passes.</summary>
    public async Task WaitHealthyAsync(string path = "/health", TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was healthy:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timed out";
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not healthy at {path} in time (last: {last}):\n{Output}");
    }

    /// <summary>Asks the process to stop as an operator would (SIGTERM), and kills it if it does not in time.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || Terminate(_process.Id, 15) != 0)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Ends the process at once, as a crash would (SIGKILL).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // the system disposes the APIs it added, and so may the test that asked for one
        }

        await KillAsync();
        _process.Dispose();
        lock (_output)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    /// <summary>Whole logs for a failure the last lines do not explain (a CI run with INCIDENTS_TEST_LOG_DIR set).</summary>
    private void LogTo(string? directory)
    {
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
            _log = new StreamWriter(Path.Combine(directory, $"{Name}-{_process.Id}.log")) { AutoFlush = true };
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _log?.WriteLine(line);
            _output.Enqueue(line);
            while (_output.Count > MaxLines)
            {
                _output.Dequeue();
            }
        }
    }

    public const int SigStop = 19;
    public const int SigCont = 18;

    /// <summary>Sends a signal to any process by id (Linux numbers): a test's way to freeze and thaw one.</summary>
    public static void Signal(int pid, int signal)
    {
        if (OperatingSystem.IsWindows() || Terminate(pid, signal) != 0)
        {
            throw new InvalidOperationException($"Could not send signal {signal} to process {pid}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Terminate(int pid, int signal);
}
