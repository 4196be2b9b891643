using HtxFund.Infrastructure.Time;
using JasperFx.CommandLine;
using Marten;
using NodaTime;
using NodaTime.Text;

namespace HtxFund.Seeding;

public sealed class SeedPortfolioInput : NetCoreInput
{
    [Description("Number of provincial funds (tenants seed01, seed02, ...)")]
    public int FundsFlag { get; set; } = 2;
    [Description("Number of cooperatives (spread over the funds)")]
    public int CooperativesFlag { get; set; } = 100;
    [Description("Number of loans (spread over the funds)")]
    public int LoansFlag { get; set; } = 1000;
    [Description("Months of history up to --until")]
    public int MonthsFlag { get; set; } = 36;
    [Description("Last business date of the history (yyyy-MM-dd); default today")]
    public string? UntilFlag { get; set; }
    [Description("Random seed (same seed, same portfolio)")]
    public int SeedFlag { get; set; } = 2026;
    [Description("bulk (default: whole streams in batches) or commands (one transaction per command)")]
    public string PathFlag { get; set; } = "bulk";
    [Description("Loans per transaction on the bulk path")]
    public int BatchFlag { get; set; } = 500;
    [Description("Funds written at the same time on the bulk path")]
    public int ParallelFlag { get; set; } = 2;
    [Description("Share of loans restructured once (0 to 0.5)")]
    public double RestructuredFlag { get; set; } = 0.02;
}

/// <summary><c>seed-portfolio</c>: seeds a realistic portfolio at volume (see docs/operations.md, "Seeding").</summary>
[Description("Seeds a realistic portfolio of funds, cooperatives and loans with their history", Name = "seed-portfolio")]
public sealed class SeedPortfolioCommand : JasperFxAsyncCommand<SeedPortfolioInput>
{
    public override async Task<bool> Execute(SeedPortfolioInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var time = host.Services.GetRequiredService<BusinessTime>();
        var until = input.UntilFlag is null ? time.Today : LocalDatePattern.Iso.Parse(input.UntilFlag).GetValueOrThrow();
        var path = input.PathFlag.Equals("commands", StringComparison.OrdinalIgnoreCase) ? SeedPath.Commands : SeedPath.Bulk;
        var options = new PortfolioOptions(input.FundsFlag, input.CooperativesFlag, input.LoansFlag, input.MonthsFlag, until, input.SeedFlag,
            Math.Clamp(input.RestructuredFlag, 0, 0.5));
        Console.WriteLine($"seeding {options.Funds} funds, {options.Cooperatives} cooperatives, {options.Loans} loans, {options.Months} months up to {until:yyyy-MM-dd} ({path})");
        var report = await new PortfolioSeeder(store).SeedAsync(options, path, input.BatchFlag, Console.WriteLine,
            parallelFunds: input.ParallelFlag);
        Console.WriteLine($"seeded {report.Funds} funds, {report.Cooperatives} cooperatives, {report.Loans} loans: {report.Events} events in {report.Elapsed.TotalSeconds:F1} s ({report.EventsPerSecond:F0} events/s), app CPU {report.AppCpu.TotalSeconds:F1} s");
        Console.WriteLine($"borrowers: {string.Join(", ", report.Borrowers.Select(b => $"{b.Value} {b.Key}"))}; restructurings recorded: {report.Restructurings}");
        return true;
    }
}
