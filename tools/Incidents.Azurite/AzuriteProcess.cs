using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Incidents.Azurite;

/// <summary>
/// One Azurite (Azure Storage emulator) Node process on loopback ports, with its data on disk.
/// Disposing it stops Azurite and, when the data folder was a temp one, deletes it.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key, published by Microsoft: not a secret.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string Host = "127.0.0.1";
    private const int MaxStartAttempts = 3;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly OutputTail _output;
    private readonly bool _ownsDataDirectory;
    private int _disposed;

    private AzuriteProcess(Process process, OutputTail output, Ports ports, string dataDirectory, bool ownsDataDirectory, string commandLine)
    {
        _process = process;
        _output = output;
        _ownsDataDirectory = ownsDataDirectory;
        BlobPort = ports.Blob;
        QueuePort = ports.Queue;
        TablePort = ports.Table;
        DataDirectory = dataDirectory;
        CommandLine = commandLine;
    }

    /// <summary>Blob service port on 127.0.0.1.</summary>
    public int BlobPort { get; }

    /// <summary>Queue service port on 127.0.0.1.</summary>
    public int QueuePort { get; }

    /// <summary>Table service port on 127.0.0.1.</summary>
    public int TablePort { get; }

    /// <summary>Azurite's --location folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The command line Azurite was started with, for logs and error messages.</summary>
    public string CommandLine { get; }

    /// <summary>The Node process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines Azurite wrote to stdout and stderr.</summary>
    public string RecentOutput => _output.ToString();

    /// <summary>A full, explicit storage connection string for this Azurite's blob, queue and table endpoints.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://{Host}:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://{Host}:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://{Host}:{TablePort}/{AccountName};";

    /// <summary>Starts Azurite on three free loopback ports with a fresh temp data folder.</summary>
    public static Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new AzuriteOptions(), cancellationToken);

    /// <summary>Starts Azurite and returns once all three services answer HTTP.</summary>
    /// <exception cref="InvalidOperationException">Node or Azurite is missing, Azurite exited, or it did not answer in time; the message holds its output.</exception>
    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Resolve the scripts first, so a missing install fails before anything is started.
        var script = AzuriteInstall.ScriptPath;
        var preload = AzuriteInstall.ExitWithParentPath;
        var fixes = AzuriteInstall.FixesPath;
        var picksPorts = options.BlobPort == 0 || options.QueuePort == 0 || options.TablePort == 0;

        for (var attempt = 1; ; attempt++)
        {
            var (started, failure, portInUse) = await StartOnceAsync(options, script, [preload, fixes], cancellationToken).ConfigureAwait(false);
            if (started is not null)
            {
                return started;
            }

            // A picked port can be taken by someone else between our probe and Azurite's bind: pick again.
            if (!(portInUse && picksPorts && attempt < MaxStartAttempts))
            {
                throw new InvalidOperationException(failure);
            }
        }
    }

    private static async Task<(AzuriteProcess? Started, string? Failure, bool PortInUse)> StartOnceAsync(
        AzuriteOptions options, string script, string[] preloads, CancellationToken cancellationToken)
    {
        var ports = ResolvePorts(options);
        var ownsDataDirectory = options.DataDirectory is null;
        var dataDirectory = ownsDataDirectory
            ? Directory.CreateTempSubdirectory("incidents-azurite-").FullName
            : Directory.CreateDirectory(options.DataDirectory!).FullName;

        var startInfo = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            // Stdin stays open for the process's life: exit-with-parent.cjs stops Azurite when it closes.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        string[] arguments =
        [
            .. preloads.SelectMany(p => new[] { "--require", p }),
            script,
            "--blobHost", Host, "--blobPort", Invariant(ports.Blob),
            "--queueHost", Host, "--queuePort", Invariant(ports.Queue),
            "--tableHost", Host, "--tablePort", Invariant(ports.Table),
            // On disk, so data outlives a restart of the cluster that uses it.
            "--location", dataDirectory,
            // The Azure SDKs may be newer than this Azurite; it serves them anyway.
            "--skipApiVersionCheck",
            "--loose",
            "--silent",
            // Azurite otherwise sends telemetry out; these machines reach no such host.
            "--disableTelemetry",
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = "node " + string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        var output = new OutputTail();
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);

        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            DeleteDirectory(dataDirectory, ownsDataDirectory);
            throw new InvalidOperationException(
                "Node.js is needed to run Azurite, the Azure Storage emulator: install Node.js 20 or later ('node' could not be started).", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, output, ports, dataDirectory, ownsDataDirectory, commandLine);
        try
        {
            var failure = await WaitUntilAnsweringAsync(azurite, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return (azurite, null, false);
            }

            await azurite.DisposeAsync().ConfigureAwait(false);
            var portInUse = output.ToString().Contains("EADDRINUSE", StringComparison.Ordinal);
            return (null, $"Azurite {failure}.{Environment.NewLine}Command: {commandLine}{Environment.NewLine}Output (last lines):{Environment.NewLine}{output}", portInUse);
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <returns>Null once Azurite answers on all ports, or why it did not.</returns>
    private static async Task<string?> WaitUntilAnsweringAsync(AzuriteProcess azurite, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(1),
        })
        {
            Timeout = TimeSpan.FromSeconds(2),
        };

        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (azurite._process.HasExited)
            {
                // The parameterless wait also drains the redirected output, so the message holds Azurite's last words.
                await azurite._process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                return $"exited with code {azurite._process.ExitCode} before answering";
            }

            if (await AnswersAsync(http, azurite.TablePort, cancellationToken).ConfigureAwait(false)
                && await AnswersAsync(http, azurite.BlobPort, cancellationToken).ConfigureAwait(false)
                && await AnswersAsync(http, azurite.QueuePort, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            if (stopwatch.Elapsed > timeout)
            {
                return $"did not answer on ports {azurite.BlobPort}, {azurite.QueuePort} and {azurite.TablePort} within {timeout.TotalSeconds:0.#} s";
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Any HTTP answer from Azurite means up: it answers 400 to <c>GET /</c>.</summary>
    private static async Task<bool> AnswersAsync(HttpClient http, int port, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://{Host}:{port}/"), cancellationToken).ConfigureAwait(false);
            // Check the Server header too: a foreign process on a picked port must not pass for Azurite.
            return response.Headers.Server.Any(p => p.Product?.Name.StartsWith("Azurite", StringComparison.Ordinal) == true);
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static Ports ResolvePorts(AzuriteOptions options)
    {
        var free = PickFreePorts(3);
        return new Ports(
            options.BlobPort != 0 ? options.BlobPort : free[0],
            options.QueuePort != 0 ? options.QueuePort : free[1],
            options.TablePort != 0 ? options.TablePort : free[2]);
    }

    /// <summary>Free loopback ports, distinct because all listeners are open at once before any is released.</summary>
    private static int[] PickFreePorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>Stops Azurite (gracefully first, so it flushes its data files, then by killing its tree) and deletes a temp data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                await StopAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _process.Dispose();
            DeleteDirectory(DataDirectory, _ownsDataDirectory);
        }
    }

    private async Task StopAsync()
    {
        try
        {
            // Closing stdin makes exit-with-parent.cjs send Azurite SIGINT: it closes its servers and saves its data.
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The pipe is already broken: the process is on its way out; the kill below makes sure.
        }

        using (var graceful = new CancellationTokenSource(GracefulStopTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(graceful.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                // Did not stop in time: kill it.
            }
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }

        using var kill = new CancellationTokenSource(KillTimeout);
        await _process.WaitForExitAsync(kill.Token).ConfigureAwait(false);
    }

    private static void DeleteDirectory(string path, bool owned)
    {
        if (!owned)
        {
            return;
        }

        // Best effort: a leftover temp folder is no reason to fail a test run.
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Ports(int Blob, int Queue, int Table);

    /// <summary>The last lines of Azurite's output, for error messages.</summary>
    private sealed class OutputTail
    {
        private const int MaxLines = 200;
        private readonly Queue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                if (_lines.Count == MaxLines)
                {
                    _lines.Dequeue();
                }

                _lines.Enqueue(line);
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return string.Join(Environment.NewLine, _lines);
            }
        }
    }
}
