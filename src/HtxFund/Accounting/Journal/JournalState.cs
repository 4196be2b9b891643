using HtxFund.Lending.Accounting;
using NodaTime;

namespace HtxFund.Accounting.Journal;

/// <summary>What the journal projection knows of a fund when it reaches an event (one document per fund, id
/// <see cref="SingletonId"/>): the mapping in force, the closed months and the last voucher number of each kind and month.
/// Written only by <see cref="JournalProjection"/>; a rebuild deletes and rewrites it.</summary>
public sealed class JournalFundState
{
    public const string SingletonId = "journal";

    public string Id { get; set; } = SingletonId;

    /// <summary>The version of the accounting setup the next lines are posted with, and its mapping.</summary>
    public int SetupVersion { get; set; } = AccountingDefaults.Setup.Version;
    public AccountingMapping Mapping { get; set; } = AccountingDefaults.Mapping;

    /// <summary>The months closed (yyyy-MM) when the projection reached its last event.</summary>
    public List<string> ClosedMonths { get; set; } = [];

    /// <summary>The last voucher number given, by prefix and month ("BC202601" → 7).</summary>
    public Dictionary<string, int> Vouchers { get; set; } = [];

    /// <summary>The sequence of the fund's last event the projection posted, or that changed its setup or its periods.</summary>
    public long LastSequence { get; set; }

    public string? ClosedThrough => AccountingPeriods.ClosedThrough(ClosedMonths);

    /// <summary>The next voucher number of <paramref name="kind"/> in the month of <paramref name="postingDate"/>.</summary>
    public string NextVoucher(VoucherKind kind, LocalDate postingDate)
    {
        var key = JournalText.VoucherPrefix(kind) + postingDate.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);
        var n = Vouchers.GetValueOrDefault(key) + 1;
        Vouchers[key] = n;
        return $"{key}-{n:0000}";
    }
}

/// <summary>What the journal projection knows of one loan (id = the loan's id, in its fund): the borrower (the accounting
/// object), the contract number, the postings of its repayments (a reversal posts them again with sides exchanged, at the
/// repayment's value date), the principal it tracks off balance, and the change of its interest receivables per posting
/// month (the month-end true-up brings their balance to the engine's figures).</summary>
public sealed class JournalLoanState
{
    public Guid Id { get; set; }
    /// <summary>The cooperative, or its member for a member's loan.</summary>
    public Guid BorrowerId { get; set; }
    public string BorrowerName { get; set; } = "";
    public string? ContractNumber { get; set; }
    public Dictionary<Guid, PostedRepayment> Repayments { get; set; } = [];
    /// <summary>Principal taken off the balance sheet and still tracked off balance (0041).</summary>
    public long PrincipalOffBalance { get; set; }
    /// <summary>The change of the interest receivables by posting month (yyyy-MM).</summary>
    public SortedDictionary<string, InterestReceivables> Receivables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The receivables at the end of <paramref name="month"/>: the changes of every posting month up to it.</summary>
    public InterestReceivables ReceivablesAt(string month) => Receivables
        .Where(r => string.CompareOrdinal(r.Key, month) <= 0)
        .Aggregate(default(InterestReceivables), (sum, r) => sum + r.Value);

    public void Moved(string month, InterestReceivables change)
    {
        if (change.IsZero) return;
        Receivables[month] = Receivables.GetValueOrDefault(month) + change;
    }
}

/// <summary>A repayment as it was posted: its value date and its postings.</summary>
public sealed record PostedRepayment(LocalDate ValueDate, IReadOnlyList<Posting> Postings);
