using JasperFx.CommandLine;
using Marten;

namespace HtxFund.Loans.RebuildingSnapshots;

public sealed class RebuildLoansInput : NetCoreInput;

/// <summary><c>rebuild-loans</c>: writes again the snapshot document of every loan stream that lacks one or whose
/// document is behind its stream (<see cref="LoanSnapshots.RebuildAsync"/>; ops/rebuild-loans).</summary>
[Description("Restores the loans' snapshot documents that are missing or behind their streams, folded from the events", Name = "rebuild-loans")]
public sealed class RebuildLoansCommand : JasperFxAsyncCommand<RebuildLoansInput>
{
    public override async Task<bool> Execute(RebuildLoansInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var result = await LoanSnapshots.RebuildAsync(store, Console.WriteLine, CancellationToken.None);
        Console.WriteLine(result.Rebuilt.Count == 0
            ? $"Every loan has its snapshot ({result.StreamsChecked} loan streams checked)."
            : $"Rebuilt {result.Rebuilt.Count} loan snapshot(s) of {result.StreamsChecked} loan streams.");
        return true;
    }
}
