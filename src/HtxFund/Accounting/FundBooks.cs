using HtxFund.Identity;
using HtxFund.Lending.Accounting;

namespace HtxFund.Accounting;

/// <summary>
/// The fund's books stream (<see cref="StreamId"/>: one per fund, streams being tenant-scoped) as the aggregate the
/// accounting commands append to with Wolverine's aggregate workflow (<c>[Aggregate(Required = false, FromMethod = ...)]</c>):
/// the setup version in force, the closed months and the months whose interest accrual is booked.
/// </summary>
public sealed class FundBooks
{
    public static readonly Guid StreamId = new("3c0f1a9e-6b52-4d7a-9e21-70a11c1e0019");

    /// <summary>Who reads the books (journal, ledgers, trial balance, periods, setup, reconciliation).</summary>
    public const string Readers = $"{Roles.Accountant},{Roles.ChiefAccountant},{Roles.Director},{Roles.Chairman}";

    public Guid Id { get; set; }

    /// <summary>The setup in force: version 1 (<see cref="AccountingDefaults.Setup"/>) until another is adopted.</summary>
    public AccountingSetup Setup { get; set; } = AccountingDefaults.Setup;

    /// <summary>Months closed (yyyy-MM), in the order closed; a reopened month is removed.</summary>
    public List<string> ClosedMonths { get; set; } = [];

    /// <summary>Months whose interest accrual is booked (yyyy-MM), each once.</summary>
    public List<string> AccruedMonths { get; set; } = [];

    /// <summary>The latest closed month, or null.</summary>
    public string? ClosedThrough => ClosedMonths.Count == 0 ? null : ClosedMonths.Max(StringComparer.Ordinal);

    public bool IsClosed(string month) => ClosedMonths.Contains(month);

    public void Apply(AccountingSetupAdopted e) => Setup = new AccountingSetup(e.Version, e.Chart, e.Mapping);

    public void Apply(InterestAccrualBooked e)
    {
        if (!AccruedMonths.Contains(e.Month)) AccruedMonths.Add(e.Month);
    }

    public void Apply(AccountingPeriodClosed e)
    {
        if (!ClosedMonths.Contains(e.Month)) ClosedMonths.Add(e.Month);
    }

    public void Apply(AccountingPeriodReopened e) => ClosedMonths.Remove(e.Month);
}
