using JasperFx.CommandLine;
using Wolverine.Runtime;

namespace HtxFund.Demo;

public sealed class SeedDemoInput : NetCoreInput;

/// <summary><c>seed-demo</c>: seeds the two demo funds (idempotent): their cooperatives and users, then a living portfolio
/// with its classification runs, reports and today's reminders (<see cref="DemoPortfolio"/>), and prints the demo logins.
/// Wolverine's runtime is started (not the web server nor the job server) so that the app's own messages can run.</summary>
[Description("Seeds demo data for two provincial funds, with three years of lending, and prints the demo logins", Name = "seed-demo")]
public sealed class SeedDemoCommand : JasperFxAsyncCommand<SeedDemoInput>
{
    public override async Task<bool> Execute(SeedDemoInput input)
    {
        using var host = input.BuildHost();
        var wolverine = (IHostedService)host.Services.GetRequiredService<IWolverineRuntime>();
        await wolverine.StartAsync(CancellationToken.None);
        try
        {
            using var scope = host.Services.CreateScope();
            await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync();
            var report = await ActivatorUtilities.CreateInstance<DemoPortfolio>(scope.ServiceProvider).SeedAsync(Console.WriteLine);
            Console.WriteLine(report.Portfolio is { } p
                ? $"Demo portfolio seeded in {string.Join(", ", report.SeededFunds)}: {p.Cooperatives} more cooperatives, {p.Loans} applications and loans, {p.Events} events; {report.Elapsed.TotalSeconds:F1} s in all"
                : $"Demo portfolio already seeded; runs, reports and today's reminders checked in {report.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await wolverine.StopAsync(CancellationToken.None);
        }

        Console.WriteLine();
        Console.WriteLine("Demo logins (password for every account: see below)");
        Console.WriteLine($"{"user name",-22} {"role",-16} {"fund",-8} name");
        foreach (var user in DemoCatalog.Users)
        {
            Console.WriteLine($"{user.UserName,-22} {user.Role,-16} {user.TenantId,-8} {user.DisplayName}");
        }
        Console.WriteLine($"Password: {DemoCatalog.Users[0].Password}");
        return true;
    }
}
