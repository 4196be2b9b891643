using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NodaTime;
using NodaTime.Text;

namespace HtxFund.Tests.Infrastructure.Reliability.Fixtures;

/// <summary>
/// The built application (src/HtxFund/bin/&lt;configuration&gt;/net10.0/HtxFund.dll) run with <c>dotnet</c> as a
/// separate OS process on a loopback port, so that it can be killed with SIGKILL and started again on the same port.
/// Its console output goes to artifacts (HTXFUND_TEST_ARTIFACTS/failures/NAME.log) and the last lines are kept for
/// failure messages.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly Instant _clockStart;
    private readonly string _name;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly StreamWriter _log;
    private readonly string _logPath;
    private Process? _process;

    public int Port { get; } = FreePort();
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public int Starts { get; private set; }
    public int? ProcessId => _process?.Id;

    public AppProcess(string connectionString, Instant clockStart, string name)
    {
        _connectionString = connectionString;
        _clockStart = clockStart;
        _name = name;
        var folder = Path.Combine(Environment.GetEnvironmentVariable("HTXFUND_TEST_ARTIFACTS") is { Length: > 0 } a ? a : Path.GetTempPath(), "failures");
        Directory.CreateDirectory(folder);
        _logPath = Path.Combine(folder, $"{name}.log");
        _log = new StreamWriter(_logPath, append: false) { AutoFlush = true };
    }

    public static string DllPath
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
            var path = Path.Combine(Shell.RepoRoot, "src", "HtxFund", "bin", configuration, "net10.0", "HtxFund.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the app first ({path} is missing).");
        }
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> answers 200.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        _process.ShouldBeNull("the app is already running");
        var dll = DllPath;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["DOTNET_ENVIRONMENT"] = "Development";
        env["HTXFUND_DB"] = _connectionString;
        env["HtxFund__Database__AutoCreateSchema"] = "false";
        env["HtxFund__Jobs__RunServer"] = "false";
        env["HtxFund__Security__PasswordHashIterations"] = "1000";
        env["HtxFund__Logging__Json"] = "false";
        env["HtxFund__Time__ClockStart"] = InstantPattern.ExtendedIso.Format(_clockStart);
        // A key whose first request died with the process is taken over after 3 s instead of 2 min.
        env["HtxFund__Idempotency__AbandonedAfterSeconds"] = "3";
        env["Serilog__MinimumLevel__Default"] = "Warning";
        env["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Warning";
        Starts++;
        Write($"---- start #{Starts} on port {Port} ----");
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) Write(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Write(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync(timeout ?? TimeSpan.FromSeconds(120));
    }

    /// <summary>SIGKILL (Process.Kill on Linux) of the whole process tree, then waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        var process = _process.ShouldNotBeNull();
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Write($"---- killed (SIGKILL), exit code {process.ExitCode} ----");
        process.Dispose();
        _process = null;
    }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Polls <c>/health/ready</c> until it answers 200 (the database is reachable and current).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.Async(async () =>
        {
            if (_process is null || _process.HasExited) throw new InvalidOperationException($"the app exited before it was ready:\n{Tail()}");
            try { return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, timeout, () => $"the app on port {Port} did not become ready:\n{Tail()}");
    }

    public string Tail() => string.Join('\n', _tail.TakeLast(60));

    /// <summary>The first lines of each unhandled exception (a 500) in the whole log, for a failure message.</summary>
    public string UnhandledExceptions()
    {
        string[] lines;
        lock (_log)
        {
            using var read = new StreamReader(new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            lines = read.ReadToEnd().Split('\n');
        }
        return string.Join("\n---\n", lines.Select((line, i) => (line, i))
            .Where(x => x.line.Contains("Unhandled exception", StringComparison.Ordinal))
            .Select(x => string.Join('\n', lines.Skip(x.i).Take(12))));
    }

    private void Write(string line)
    {
        _tail.Enqueue(line);
        while (_tail.Count > 400 && _tail.TryDequeue(out _)) { }
        lock (_log) _log.WriteLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
        lock (_log) _log.Dispose();
    }
}

/// <summary>Waits for a condition by polling (never a fixed sleep), bounded by a deadline.</summary>
public static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure, TimeSpan? every = null)
    {
        var deadline = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(every ?? TimeSpan.FromMilliseconds(200));
        while (!await condition())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"after {timeout.TotalSeconds:0} s: {failure()}");
            await poll.WaitForNextTickAsync();
        }
    }

    public static Task True(Func<bool> condition, TimeSpan timeout, Func<string> failure) =>
        Async(() => Task.FromResult(condition()), timeout, failure, TimeSpan.FromMilliseconds(50));
}
