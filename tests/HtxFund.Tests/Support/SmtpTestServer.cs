using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace HtxFund.Tests.Support;

/// <summary>
/// A real SMTP server on loopback (Debian's python3-aiosmtpd through <c>/usr/bin/python3</c>, script
/// <c>ops/lib/smtp_sink.py</c>, the script ops/run's local mail sink runs too, copied to <c>Support/smtp_sink.py</c>) that writes each accepted message to a folder. It can be stopped and started again
/// on the same port to simulate an outage. Only the process this class started is ever stopped.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = FreePort();
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"htxfund-smtp-{Guid.NewGuid():N}");
    public bool Running => _process is { HasExited: false };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        if (Running) return;
        Directory.CreateDirectory(Folder);
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "smtp_sink.py");
        var info = new ProcessStartInfo("/usr/bin/python3", [script, Port.ToString(), Folder])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the test SMTP server.");
        var ready = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "ready")
            throw new InvalidOperationException($"The test SMTP server did not start: {await _process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>Stops the server (the port refuses connections until <see cref="StartAsync"/>).</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        var process = _process;
        _process = null;
        if (!process.HasExited)
        {
            process.StandardInput.Close(); // the script stops when stdin closes
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(); await process.WaitForExitAsync(); }
        }
        process.Dispose();
    }

    /// <summary>Forgets every message received so far.</summary>
    public void Clear()
    {
        if (!Directory.Exists(Folder)) return;
        foreach (var file in Directory.GetFiles(Folder)) File.Delete(file);
    }

    public IReadOnlyList<MimeMessage> Messages() => Directory.Exists(Folder)
        ? Directory.GetFiles(Folder, "*.eml").Select(f => MimeMessage.Load(f)).ToArray()
        : [];

    public int Count => Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.eml").Length : 0;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}
