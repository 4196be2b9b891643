using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.GettingDetails;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Loans;

/// <summary>Who may see and change a loan, and the refusals every loan command shares (as
/// <see cref="Applications.ApplicationAccess"/>). Pure checks over the loan Wolverine loaded; nothing here loads or retries.</summary>
public static class LoanAccess
{
    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("loan.not_found", $"Không tìm thấy khoản vay {id}.");

    /// <summary>The loan as the user may read it: staff of the fund see all (the session is the fund's); a cooperative
    /// only its own. Applications not (yet) approved are not loans and answer 404.</summary>
    public static async Task<LoanDetails?> ReadableAsync(IQuerySession session, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var details = await session.LoadAsync<LoanDetails>(id, ct);
        return details is { IsLoan: true } && user.MaySee(details.CooperativeId) ? details : null;
    }

    /// <summary>
    /// The refusal of a command on the loan of <paramref name="stream"/> (loaded by Wolverine's aggregate workflow; its
    /// aggregate is null when the user's fund has no such loan): 404 when it is no loan the user may see (none, still an
    /// application, another cooperative's); when the client sent the version it saw, 409 <c>loan.version_conflict</c> with
    /// <c>currentVersion</c> if the stream moved on since (400 <c>version.required</c> without one, for the commands that
    /// need it); <c>NoProblems</c> otherwise. The version is the stream's (<see cref="IEventStream{T}.CurrentVersion"/>),
    /// the one the loan view shows: the snapshot's own <see cref="Loan.Version"/> is that of the last event the loan folds,
    /// behind the stream when application events it does not fold came after. The append is checked again at commit.
    /// </summary>
    public static ProblemDetails Writable(IEventStream<Loan> stream, Guid id, long? expectedVersion, ClaimsPrincipal user, bool versionRequired = true) =>
        stream.Aggregate is not { } loan || loan.IsApplication || !user.MaySee(loan.CooperativeId) ? NotFound(id)
        : StreamVersions.Check(expectedVersion, stream.CurrentVersion, versionRequired, "loan", "khoản vay") ?? WolverineContinue.NoProblems;

    /// <summary>The refusal of anything but reading on a closed loan (<see cref="Loan.IsClosed"/>), or null while it is open.</summary>
    public static ProblemDetails? RefuseIfClosed(Loan loan) => loan.IsClosed
        ? Problems.Conflict("loan.closed", $"Khoản vay {loan.Contract?.ContractNumber} đã tất toán: không ghi nhận thêm giao dịch nào.")
        : null;

    /// <summary><paramref name="first"/> when it refuses, else the next check's refusal: the railway of a slice's checks.</summary>
    public static ProblemDetails Then(this ProblemDetails first, Func<ProblemDetails?> next) =>
        first != WolverineContinue.NoProblems ? first : next() ?? WolverineContinue.NoProblems;
}
