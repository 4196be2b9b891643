using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Alba;
using HtxFund.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Wolverine;

namespace HtxFund.Tests.Infrastructure.Observability;

/// <summary>Traces go to an OTLP collector only when one is configured (here a real OTLP/HTTP receiver on loopback), and
/// are not recorded at all otherwise.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class exporting_telemetry(AppFixture fixture)
{
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        public ConcurrentQueue<(string Path, int Bytes)> Received { get; } = new();
        public int Port { get; }

        public OtlpReceiver()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); Port = ((IPEndPoint)probe.LocalEndpoint).Port; }
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); } catch { return; }
                    using var body = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(body);
                    Received.Enqueue((context.Request.Url!.AbsolutePath, (int)body.Length));
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
            });
        }

        public void Dispose() => _listener.Close();
    }

    [Fact]
    public async Task with_an_otlp_endpoint_configured_request_traces_are_exported_to_it()
    {
        using var receiver = new OtlpReceiver();
        await using var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("HTXFUND_DB", fixture.ConnectionString);
            builder.UseSetting("HtxFund:Jobs:RunServer", "false");
            builder.UseSetting("HtxFund:Otlp:Endpoint", $"http://127.0.0.1:{receiver.Port}");
            builder.UseSetting("HtxFund:Otlp:Protocol", "http/protobuf");
            builder.ConfigureServices(s => s.RunWolverineInSoloMode());
        });

        await host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBeOk(); });
        host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000).ShouldBeTrue();

        receiver.Received.ShouldContain(r => r.Path == "/v1/traces" && r.Bytes > 0);
    }

    [Fact]
    public async Task without_an_otlp_endpoint_no_spans_are_recorded()
    {
        await fixture.Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBeOk(); });

        fixture.Host.Services.GetService<TracerProvider>().ShouldBeNull();
    }
}
