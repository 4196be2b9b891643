using HtxFund.Identity;
using HtxFund.Loans.Repaying;
using JasperFx;
using JasperFx.Core;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Loans.ImportingStatements;

/// <summary>One matched line of a confirmed statement, to book as a bank-transfer repayment of <paramref name="LoanId"/> by
/// <paramref name="By"/>.</summary>
public sealed record BookStatementLine(Guid LoanId, Guid StatementId, long Amount, LocalDate ValueDate, string Reference, Actor By);

/// <summary>What became of a line: booked as <paramref name="RepaymentId"/>, or refused with <paramref name="Refusal"/>.</summary>
public sealed record StatementLineOutcome(Guid? RepaymentId, ProblemDetails? Refusal);

/// <summary>
/// Books one statement line exactly as <see cref="RecordRepaymentEndpoint"/> books a repayment: the loan held by
/// Wolverine's aggregate workflow (its row locked for the transaction), the same reads (<see cref="RepaymentReads"/>) and
/// the same decision (<see cref="RepaymentRules.Record"/>), each line in its own transaction. A refusal is the line's
/// outcome, not an error: nothing is appended for it.
/// </summary>
public static class BookStatementLineHandler
{
    /// <summary>A command appending to the loan without holding it makes this append fail on the stream's version: the
    /// line is decided again on the loan as it is then.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());

    public static Task<RepaymentReads> LoadAsync(BookStatementLine line, Loan? loan, IDocumentSession session, CancellationToken ct) =>
        RepaymentReads.LoadAsync(session, line.Reference, ct);

    public static (StatementLineOutcome, Events, IMartenOp, Wolverine.OutgoingMessages) Handle(BookStatementLine line,
        [WriteAggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, RepaymentReads reads,
        LocalDate today, Instant now)
    {
        if (loan is null || loan.IsApplication) return (new StatementLineOutcome(null, LoanAccess.NotFound(line.LoanId)), [], MartenOps.Nothing(), []);
        var booking = RepaymentRules.Record(loan, new RepaymentInput(line.Amount, line.ValueDate, RepaymentChannel.BankTransfer, line.Reference, line.StatementId),
            reads, today, reads.BackdateDays, line.By, now, Guid.CreateVersion7(), Guid.CreateVersion7());
        return booking.Refusal is { } refusal
            ? (new StatementLineOutcome(null, refusal), [], MartenOps.Nothing(), [])
            : (new StatementLineOutcome(booking.Recorded!.RepaymentId, null), booking.ToEvents(), MartenOps.Insert(booking.Reference!), booking.AfterCommit());
    }
}
