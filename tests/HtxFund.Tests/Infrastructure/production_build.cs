using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Infrastructure;

/// <summary>
/// The Production configuration for real: ops/publish pre-generates Wolverine's code, the published app migrates a
/// fresh database with its `migrate` verb, starts with TypeLoadMode.Static, answers ready and writes JSON logs.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class production_build
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HtxFund.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("HtxFund.sln not found above the test binaries.");
    }

    private static async Task<(int Code, string Output)> Run(string file, string args, string workDir, IDictionary<string, string> env, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task the_published_app_migrates_and_serves_in_production_with_pre_generated_code()
    {
        var root = RepoRoot();
        var output = Path.Combine(Path.GetTempPath(), $"htxfund-publish-{Guid.NewGuid():N}");
        var database = await TestDatabase.CreateAsync("prod");
        var env = new Dictionary<string, string>
        {
            ["HTXFUND_DB"] = database, ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production",
        };
        Process? app = null;
        try
        {
            var publish = await Run("bash", $"ops/publish {output}", root, new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
            publish.Code.ShouldBe(0, publish.Output);
            Directory.Exists(Path.Combine(root, "src/HtxFund/Internal/Generated")).ShouldBeFalse("generated code must not stay in the tree");

            var migrate = await Run("dotnet", "HtxFund.dll migrate", output, env, TimeSpan.FromMinutes(2));
            migrate.Code.ShouldBe(0, migrate.Output);
            migrate.Output.ShouldContain("database is current");

            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", $"HtxFund.dll --urls http://127.0.0.1:{port}")
                { WorkingDirectory = output, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var (k, v) in env) start.Environment[k] = v;
            app = Process.Start(start)!;
            var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();
            app.OutputDataReceived += (_, e) => { if (e.Data is not null) logs.Enqueue(e.Data); };
            app.ErrorDataReceived += (_, e) => { if (e.Data is not null) logs.Enqueue(e.Data); };
            app.BeginOutputReadLine();
            app.BeginErrorReadLine();

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            // Wait for the condition (ready), polling, bounded by a deadline.
            HttpResponseMessage? ready = null;
            var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
            using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            while (ready?.StatusCode != HttpStatusCode.OK && await poll.WaitForNextTickAsync())
            {
                app.HasExited.ShouldBeFalse(string.Join('\n', logs));
                (DateTimeOffset.UtcNow < deadline).ShouldBeTrue("not ready within 60 s:\n" + string.Join('\n', logs));
                try { ready = await http.GetAsync("/health/ready"); }
                catch (HttpRequestException) { ready = null; }
            }

            var refused = await http.GetAsync("/api/cooperatives");
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            var login = await http.PostAsync("/api/auth/login",
                new StringContent("{\"userName\":\"nobody\",\"password\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));
            login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await login.Content.ReadAsStringAsync()).ShouldContain("auth.invalid_credentials");

            var jsonLine = logs.FirstOrDefault(l => l.StartsWith('{'));
            jsonLine.ShouldNotBeNull("Production writes JSON log lines");
            JsonDocument.Parse(jsonLine).RootElement.GetProperty("service").GetString().ShouldBe("htxfund");
            // One structured line per request, with its status and timing as properties.
            // The line reaches stdout after the response (the request logger writes on completion and the output is
            // read asynchronously): wait for it, bounded by a deadline.
            JsonElement request = default;
            var logDeadline = DateTimeOffset.UtcNow.AddSeconds(30);
            while (await poll.WaitForNextTickAsync())
            {
                request = logs.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
                    .FirstOrDefault(e => e.TryGetProperty("RequestPath", out var p) && p.GetString() == "/api/auth/login");
                if (request.ValueKind == JsonValueKind.Object || DateTimeOffset.UtcNow > logDeadline) break;
            }
            request.ValueKind.ShouldBe(JsonValueKind.Object, "a request log line for the login");
            request.GetProperty("StatusCode").GetInt32().ShouldBe(401);
            request.TryGetProperty("Elapsed", out _).ShouldBeTrue();
        }
        finally
        {
            if (app is { HasExited: false }) { app.Kill(entireProcessTree: true); await app.WaitForExitAsync(); }
            app?.Dispose();
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            await TestDatabase.DropAsync(database);
        }
    }
}
