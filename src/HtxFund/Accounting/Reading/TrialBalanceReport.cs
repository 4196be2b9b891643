using HtxFund.Accounting.Exports;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending.Accounting;
using HtxFund.Reports.Archive;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Accounting.Reading;

/// <summary>One account's line of the trial balance: balances on the side they sit, the period's debits and credits.</summary>
public sealed record TrialBalanceLine(string Account, string Name, AccountKind Kind, long OpeningDebit, long OpeningCredit, long PeriodDebit,
    long PeriodCredit, long ClosingDebit, long ClosingCredit)
{
    public static TrialBalanceLine Of(TrialBalanceRow row)
    {
        var m = row.Movement;
        return new(row.Account.Number, row.Account.Name, row.Account.Kind, m.OpeningDebitBalance, m.OpeningCreditBalance, m.PeriodDebit,
            m.PeriodCredit, m.ClosingDebitBalance, m.ClosingCreditBalance);
    }
}

/// <summary>The trial balance (bảng cân đối số phát sinh) of a period as the API answers it: the accounts on the balance
/// sheet with their totals, the off-balance accounts apart with theirs, whether every pair of totals is equal, and the
/// version of the setup whose chart names the accounts.</summary>
public sealed record TrialBalanceReport(LocalDate From, LocalDate To, int SetupVersion, IReadOnlyList<TrialBalanceLine> Rows,
    TrialBalanceTotals Totals, IReadOnlyList<TrialBalanceLine> OffBalanceRows, TrialBalanceTotals OffBalanceTotals, bool Balanced)
{
    public static async Task<TrialBalanceReport> ComputeAsync(IQuerySession session, BooksPeriod period, CancellationToken ct)
    {
        var books = await session.LoadAsync<FundBooks>(FundBooks.StreamId, ct) ?? new FundBooks();
        var trial = await JournalSums.TrialBalanceAsync(session, books.Setup.Chart, period.From, period.To, ct);
        return Of(trial, period.From, period.To, books.Setup.Version);
    }

    /// <summary>The report of <paramref name="trial"/>, the trial balance of <paramref name="from"/>..<paramref name="to"/> by the
    /// chart of setup <paramref name="setupVersion"/>.</summary>
    public static TrialBalanceReport Of(TrialBalance trial, LocalDate from, LocalDate to, int setupVersion) =>
        new(from, to, setupVersion, trial.OnBalance.Select(TrialBalanceLine.Of).ToList(), trial.Totals,
            trial.OffBalance.Select(TrialBalanceLine.Of).ToList(), trial.OffBalanceTotals, trial.Totals.Balanced && trial.OffBalanceTotals.Balanced);
}

public static class GetTrialBalanceEndpoint
{
    /// <summary>The trial balance (bảng cân đối số phát sinh) of the caller's fund from <c>from</c> to <c>to</c> (posting
    /// dates, yyyy-MM-dd; default the current month, at most 10 years), by the chart in force: every account with a
    /// balance or a movement, its opening balance, the period's debits and credits, its closing balance; the balance
    /// sheet's accounts and the off-balance accounts with their own totals, and whether each pair of totals is equal.
    /// <c>format</c>: json (default), csv, xlsx or pdf.</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/trial-balance", OperationId = "getTrialBalance")]
    [Tags("Kế toán")]
    [ProducesResponseType<TrialBalanceReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? from, string? to, string? format, IQuerySession session, BusinessTime time,
        IConfiguration configuration, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var period = BooksQuery.Period(from, to, time.Today, errors);
        var wanted = BooksQuery.Format(format, [ReportFormat.Json, ReportFormat.Csv, ReportFormat.Xlsx, ReportFormat.Pdf], errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));

        var report = await TrialBalanceReport.ComputeAsync(session, period!, ct);
        if (wanted == ReportFormat.Json) return Results.Ok(report);
        var fund = await BookFiles.FundAsync(session, ct);
        var table = BookTables.TrialBalance(report, fund.Name);
        return BookFiles.Answer(table, wanted!.Value, BookFiles.Stem("bang-can-doi-so-phat-sinh", period!),
            () => BookPdf.Render(table, fund, configuration, time.Now));
    }
}
