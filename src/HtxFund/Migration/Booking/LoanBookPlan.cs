using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Migration.Booking;

/// <summary>What the booking decides on besides the file: the fund, the import, who confirms and when, and the fund's policy.</summary>
public sealed record BookingContext(string FundId, Guid ImportId, string FileSha256, string FileName, LocalDate CutOver, Actor By, Instant At,
    FundPolicy FundPolicy)
{
    public LendingPolicy Policy { get; } = FundPolicy.ToLendingPolicy();
}

/// <summary>A cooperative already in the fund (matched by tax code): its stream's version, its aggregate and its members.</summary>
public sealed record ExistingCooperative(Guid Id, string Name, string Province, string MainSector, long Version, Cooperative Aggregate,
    IReadOnlyList<ExistingMember> Members);

public sealed record ExistingMember(Guid MemberId, string FullName, string? NationalId, string? OrganisationTaxCode);

/// <summary>What the fund already holds that the file refers to: cooperatives by tax code and the loans already booked
/// from a loan book (their stream ids).</summary>
public sealed record FundHoldings(IReadOnlyDictionary<string, ExistingCooperative> Cooperatives, IReadOnlySet<Guid> BookedLoans);

/// <summary>A stream to start (<see cref="ExpectedVersion"/> 0) or to append to (an existing cooperative's new members).</summary>
public sealed record PlannedStream(Guid Id, long ExpectedVersion, object[] Events);

/// <summary>One loan of the file decided in memory: its whole stream (starting with the migration marker), its collateral
/// items' streams and the bank references its repayments booked.</summary>
public sealed record PlannedLoan(ImportedLoan Row, Guid LoanId, object[] Events, IReadOnlyList<PlannedStream> Collateral,
    IReadOnlyList<object> Documents);

/// <summary>A row of the file the domain's own rules refused while deciding it (nothing is booked then).</summary>
public sealed record BookingRefusal(int Row, string ContractNumber, string Code, string Message);

/// <summary>The whole booking decided in memory before anything is written.</summary>
public sealed record LoanBookPlan(IReadOnlyList<PlannedStream> Cooperatives, IReadOnlyList<PlannedLoan> Loans, IReadOnlyList<ImportedLoan> Skipped,
    IReadOnlyList<BookingRefusal> Refusals)
{
    public static BookingRefusal Refusal(int row, string contractNumber, ProblemDetails p) =>
        new(row, contractNumber, p.Extensions.TryGetValue("code", out var code) ? code?.ToString() ?? "loan_book.refused" : "loan_book.refused",
            p.Detail ?? p.Title ?? "");
}
