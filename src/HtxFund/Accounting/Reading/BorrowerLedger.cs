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

/// <summary>A borrower's sub-ledger (sổ chi tiết cho vay theo đối tượng): the detail of each account of the chart that
/// tracks the borrower (loans 1283, interest and penalty receivable 13881/13882, excess to refund 33881, principal and
/// interest off the balance sheet 0041/0042 in the default chart) for that borrower alone.</summary>
public sealed record BorrowerLedgerReport(Guid ObjectId, string Name, IReadOnlyList<string> ContractNumbers, LocalDate From, LocalDate To,
    IReadOnlyList<AccountLedgerReport> Accounts);

/// <summary>One account's balance for a borrower.</summary>
public sealed record ObjectBalance(string Account, long Balance);

/// <summary>A borrower known to the books with the balance of each account that tracks borrowers, at <see cref="BorrowerList.AsOf"/>.</summary>
public sealed record BorrowerBalances(Guid ObjectId, string Name, IReadOnlyList<string> ContractNumbers, IReadOnlyList<ObjectBalance> Balances);

/// <summary>The borrowers of the books and the accounts shown for them (number and name, in the chart's order).</summary>
public sealed record BorrowerList(LocalDate AsOf, IReadOnlyList<LedgerAccount> Accounts, IReadOnlyList<BorrowerBalances> Borrowers);

public static class BorrowerLedger
{
    private sealed record Row(Guid ObjectId, string Account, string? Name, string? Contracts, long Balance);

    /// <summary>The accounts of the chart that name the borrower on their lines.</summary>
    public static IReadOnlyList<LedgerAccount> Accounts(ChartOfAccounts chart) => chart.Accounts.Where(a => a.TracksObject).ToList();

    public static async Task<BorrowerLedgerReport?> ComputeAsync(IQuerySession session, Guid objectId, BooksPeriod period, CancellationToken ct)
    {
        var last = await session.Query<JournalLine>().Where(x => x.ObjectId == objectId).OrderByDescending(x => x.EventSequence).FirstOrDefaultAsync(ct);
        if (last is null) return null;
        var contracts = (await session.Query<JournalLine>().Where(x => x.ObjectId == objectId && x.ContractNumber != null)
            .Select(x => x.ContractNumber!).Distinct().ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
        var movements = await JournalSums.MovementsAsync(session, period.From, period.To, ct, objectId);
        var accounts = new List<AccountLedgerReport>();
        foreach (var account in Accounts(await BooksQuery.ChartAsync(session, ct)))
            accounts.Add(await AccountLedger.ComputeAsync(session, account, period, ct, objectId, movements));
        return new BorrowerLedgerReport(objectId, last.ObjectName ?? "", contracts, period.From, period.To, accounts);
    }

    /// <summary>Every borrower the books name, with the balances at the end of <paramref name="asOf"/>, by name.</summary>
    public static async Task<BorrowerList> ListAsync(IQuerySession session, LocalDate asOf, CancellationToken ct)
    {
        var accounts = Accounts(await BooksQuery.ChartAsync(session, ct));
        var table = $"{((StoreOptions)session.DocumentStore.Options).DatabaseSchemaName}.mt_doc_journalline";
        var sql = $"""
            select json_build_object('objectId', object_id, 'account', account,
                'name', (array_agg(data ->> 'objectName' order by event_sequence desc))[1],
                'contracts', string_agg(distinct data ->> 'contractNumber', ', '),
                'balance', coalesce(sum((data ->> 'debit')::bigint), 0) - coalesce(sum((data ->> 'credit')::bigint), 0)) as data
            from {table}
            where tenant_id = ? and posting_day <= ? and object_id is not null
            group by object_id, account
            """;
        var rows = await session.AdvancedSql.QueryAsync<Row>(sql, ct, session.TenantId, Capital.CapitalLedgerEntry.DayOf(asOf));
        var borrowers = rows.GroupBy(r => r.ObjectId).Select(g =>
        {
            var name = g.Select(r => r.Name).FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? "";
            var contracts = g.SelectMany(r => (r.Contracts ?? "").Split(", ", StringSplitOptions.RemoveEmptyEntries)).Distinct().Order(StringComparer.Ordinal).ToList();
            var balances = accounts.Select(a => new ObjectBalance(a.Number, g.FirstOrDefault(r => r.Account == a.Number)?.Balance ?? 0)).ToList();
            return new BorrowerBalances(g.Key, name, contracts, balances);
        }).OrderBy(b => b.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false)).ThenBy(b => b.ObjectId).ToList();
        return new BorrowerList(asOf, accounts, borrowers);
    }

    public static ProblemDetails UnknownBorrower() =>
        Problems.NotFound("accounting.object_unknown", "Sổ sách của quỹ không có đối tượng (người vay) này.");
}

public static class BorrowerLedgerEndpoints
{
    /// <summary>The borrowers (accounting objects) of the caller's fund's books with the balance of each account that tracks
    /// them (loans, interest and penalty receivable, excess to refund, off-balance principal and interest) at the end of
    /// <c>asOf</c> (yyyy-MM-dd, default today), by name.</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/borrowers", OperationId = "listBorrowerBalances")]
    [Tags("Kế toán")]
    [ProducesResponseType<BorrowerList>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> List(string? asOf, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        if (AsOf.Parse(asOf, time.Today) is not { } date) return Results.Problem(AsOf.Invalid);
        return Results.Ok(await BorrowerLedger.ListAsync(session, date, ct));
    }

    /// <summary>The sub-ledger of one borrower (sổ chi tiết cho vay theo đối tượng) of the caller's fund from <c>from</c> to
    /// <c>to</c> (posting dates, yyyy-MM-dd; default the current month, at most 10 years): for each account that tracks
    /// borrowers, the balance brought forward, the borrower's lines with running balance, the totals and the balance
    /// carried forward. <c>format</c>: json (default), csv or xlsx. A borrower the books do not name: 404.</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/borrowers/{objectId}/ledger", OperationId = "getBorrowerLedger")]
    [Tags("Kế toán")]
    [ProducesResponseType<BorrowerLedgerReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid objectId, string? from, string? to, string? format, IQuerySession session, BusinessTime time,
        CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var period = BooksQuery.Period(from, to, time.Today, errors);
        var wanted = BooksQuery.Format(format, [ReportFormat.Json, ReportFormat.Csv, ReportFormat.Xlsx], errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        if (await BorrowerLedger.ComputeAsync(session, objectId, period!, ct) is not { } report) return Results.Problem(BorrowerLedger.UnknownBorrower());
        if (wanted == ReportFormat.Json) return Results.Ok(report);
        var fund = await BookFiles.FundNameAsync(session, ct);
        return BookFiles.Answer(BookTables.Borrower(report, fund), wanted!.Value, BookFiles.Stem($"so-chi-tiet-cho-vay-{objectId:N}", period!));
    }
}
