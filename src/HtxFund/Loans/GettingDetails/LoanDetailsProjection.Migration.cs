using HtxFund.Lending;
using HtxFund.Loans.Migrating;
using JasperFx.Events;
using NodaTime;

namespace HtxFund.Loans.GettingDetails;

/// <summary>Where a loan brought in from the fund's earlier books came from: the import, the cut-over and the file's row.</summary>
public sealed record MigratedView(Guid ImportId, LocalDate CutOver, int Row);

/// <summary>The balances a loan was taken over with at its cut-over (what stands in for its tranches and repayments before it).</summary>
public sealed record OpeningBalanceView(LocalDate CutOver, long PrincipalOutstanding, long OverduePrincipal, LocalDate? OverdueSince,
    long InterestOwed, long PenaltyOwed);

/// <summary>The loan view of a loan brought in from the fund's earlier books (issue 21's loan book import).</summary>
public sealed partial class LoanDetailsProjection
{
    /// <summary>The marker at the start of a migrated loan's stream: no amount changes; the history says where it came from.</summary>
    public static LoanDetails Apply(IEvent<LoanMigrated> @event, LoanDetails d)
    {
        var e = @event.Data;
        return Log(d with { Migrated = new MigratedView(e.ImportId, e.CutOver, e.Row) }, @event, Entry(e.By, e.At, "loan_migrated",
            $"Khoản vay chuyển đổi từ sổ sách trước đây của quỹ (tệp {e.FileName}, dòng {e.Row}), quản lý trên hệ thống từ ngày {e.CutOver:dd/MM/yyyy}."));
    }

    public static LoanDetails Apply(IEvent<LoanOpeningBalanceRecorded> @event, LoanDetails d)
    {
        var e = @event.Data;
        var overdue = e.OverdueSince is { } since
            ? $", trong đó nợ gốc quá hạn {Money.Of(e.OverduePrincipal).ToDisplayString()} từ ngày {since:dd/MM/yyyy}"
            : "";
        return Log(d with
            {
                OpeningBalance = new OpeningBalanceView(e.CutOver, e.PrincipalOutstanding, e.OverduePrincipal, e.OverdueSince, e.InterestOwed, e.PenaltyOwed),
            },
            @event, Entry(e.By, e.At, "opening_balance_recorded",
                $"Số dư đầu kỳ ngày {e.CutOver:dd/MM/yyyy}: dư nợ gốc {Money.Of(e.PrincipalOutstanding).ToDisplayString()}{overdue}; "
                + $"lãi phải trả {Money.Of(e.InterestOwed).ToDisplayString()}, lãi phạt {Money.Of(e.PenaltyOwed).ToDisplayString()}."));
    }
}
