using Alba;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace HtxFund.Benchmarks;

/// <summary>The real app booted in process for the console benchmarks (run from the repository root): Development,
/// against <c>connection</c> with its schema from the committed migrations, no Hangfire server, warnings only.</summary>
public static class BenchHost
{
    public static async Task<IAlbaHost> BootAsync(string connection)
    {
        JasperFxEnvironment.AutoStartHost = true;
        // the app's content root, as the test project's WebApplicationFactory attribute would give it
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_HTXFUND", Path.GetFullPath("src/HtxFund"));
        // any type of the HtxFund assembly names its entry point (this console has its own Program)
        return await AlbaHost.For<HtxFund.Reports.Archive.GeneratedReport>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("HTXFUND_DB", connection);
            builder.UseSetting("HtxFund:Database:AutoCreateSchema", "false");
            builder.UseSetting("HtxFund:Jobs:RunServer", "false");
            builder.UseSetting("HtxFund:Logging:Json", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.ConfigureServices(services =>
            {
                // (no MartenDaemonModeIsSolo: Wolverine runs the async projections and refuses a Marten-side daemon)
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
    }
}
