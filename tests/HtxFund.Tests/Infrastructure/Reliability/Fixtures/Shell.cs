using System.Diagnostics;
using System.Text;

namespace HtxFund.Tests.Infrastructure.Reliability.Fixtures;

/// <summary>Runs bash snippets with the repository's PostgreSQL helpers (ops/lib/pg.sh) loaded.</summary>
public static class Shell
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HtxFund.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("HtxFund.sln not found above the test binaries.");
    }

    /// <summary>Runs <paramref name="script"/> after <c>source ops/lib/pg.sh</c>; returns stdout, throws with stderr on failure.</summary>
    public static async Task<string> PgAsync(string script, TimeSpan? timeout = null) =>
        await RunAsync($"source '{RepoRoot}/ops/lib/pg.sh'\n{script}", timeout);

    public static async Task<string> RunAsync(string script, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash", ["-c", "set -eo pipefail\n" + script])
        {
            WorkingDirectory = RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bash timed out: {script}\n{await stderr}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bash exited {process.ExitCode}: {script}\n{await stdout}\n{await stderr}");
        return (await stdout).Trim();
    }

    public static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    public static string Describe(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines) sb.AppendLine(line);
        return sb.ToString();
    }
}
