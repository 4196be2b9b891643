using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Formatting.Compact;

namespace HtxFund.Infrastructure.Observability;

/// <summary>Structured logs (Serilog; JSON lines outside Development) and OpenTelemetry traces and metrics.
/// The OTLP exporter (traces, metrics) is off unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>HtxFund:Otlp:Endpoint</c>
/// is set; traces are collected only then.</summary>
public static class ObservabilitySetup
{
    public const string ServiceName = "htxfund";

    public static WebApplicationBuilder AddHtxFundObservability(this WebApplicationBuilder builder)
    {
        var jsonLogs = builder.Configuration.GetValue("HtxFund:Logging:Json", !builder.Environment.IsDevelopment());
        builder.Services.AddSerilog((services, lc) =>
        {
            lc.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("service", ServiceName);
            if (jsonLogs) lc.WriteTo.Console(new RenderedCompactJsonFormatter());
            else lc.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        });

        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? builder.Configuration["HtxFund:Otlp:Endpoint"];
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Wolverine", "Marten", "Npgsql", "HtxFund"));
        if (!string.IsNullOrWhiteSpace(otlpEndpoint))
        {
            // Traces only when they have somewhere to go: a tracer provider without an exporter still records every
            // request's and every SQL command's spans (with their tags) and throws them away, which showed in the app's
            // CPU profile under load (docs/benchmarks.md, load test, item 6).
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Wolverine", "Marten"));
            // OTEL_EXPORTER_OTLP_PROTOCOL / HtxFund:Otlp:Protocol: "grpc" (default, port 4317) or "http/protobuf" (4318).
            var protocol = (builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? builder.Configuration["HtxFund:Otlp:Protocol"]) switch
            {
                "http/protobuf" or "http" => OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf,
                _ => OpenTelemetry.Exporter.OtlpExportProtocol.Grpc,
            };
            otel.UseOtlpExporter(protocol, new Uri(otlpEndpoint));
        }
        return builder;
    }
}
