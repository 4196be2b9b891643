using System.Security.Claims;
using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.GettingDetails;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Loans.Officers;

/// <summary>
/// The pure rules of giving an application or loan to another credit officer, shared by the single reassignment and the
/// bulk transfer (which applies them to every loan before appending anything): the file must be submitted and still
/// open (no draft, no rejected or withdrawn application, no closed loan), and the target must not already be responsible;
/// the target itself must be an active credit officer of the Director's fund.
/// </summary>
public static class OfficerTransferRules
{
    /// <summary>The roles that read the portfolio and any loan of their fund (read-only where their role does not act).</summary>
    public const string PortfolioRoles = "CreditOfficer,Director,BoardMember,RiskCouncil,Chairman";

    /// <summary>The statuses of an application that can be given to an officer (a loan's application is Approved).</summary>
    public static bool IsOpenFile(ApplicationStatus status, LoanStage stage) =>
        !stage.IsClosed() && status is ApplicationStatus.Submitted or ApplicationStatus.ReturnedForInformation
            or ApplicationStatus.Appraised or ApplicationStatus.Approved;

    /// <summary>The refusal of moving <paramref name="loan"/> (whose application is in <paramref name="status"/>) to
    /// <paramref name="to"/>, or null when it may move.</summary>
    public static ProblemDetails? Transfer(Loan loan, ApplicationStatus status, Guid to)
    {
        if (status == ApplicationStatus.Draft)
            return Problems.Conflict("officer_transfer.not_submitted", "Hồ sơ chưa được nộp: chưa thể giao cho cán bộ tín dụng.");
        if (status is ApplicationStatus.Rejected or ApplicationStatus.Withdrawn)
            return Problems.Conflict("officer_transfer.application_closed",
                $"Hồ sơ đã {(status == ApplicationStatus.Rejected ? "bị từ chối" : "được rút")}: không giao lại cho cán bộ khác.");
        if (LoanAccess.RefuseIfClosed(loan) is { } closed) return closed;
        if (loan.Officer?.UserId == to)
            return Problems.Conflict("officer_transfer.already_responsible", $"Cán bộ {loan.Officer.UserName} đang phụ trách khoản vay này.");
        return null;
    }

    /// <summary>The refusal of <paramref name="target"/> as the new responsible officer for a Director of <paramref name="fundId"/>:
    /// it must be a user of the same fund, not disabled, holding the CreditOfficer role.</summary>
    public static ProblemDetails? Target(UserAccount? target, string fundId) =>
        target is { Disabled: false } && target.FundId == fundId && target.Roles.Contains(Roles.CreditOfficer)
            ? null
            : Problems.Unprocessable("officer_transfer.not_a_credit_officer",
                "Người nhận phải là cán bộ tín dụng đang làm việc của quỹ.");

    /// <summary>The reassignment event of one loan.</summary>
    public static ResponsibleOfficerReassigned Reassigned(Loan loan, Guid transferId, UserAccount to, string reason, Actor by, Instant at,
        LocalDate today) =>
        new(loan.Id, transferId, new ResponsibleOfficer(to.Id, to.UserName), loan.Officer, reason, by, at, today);

    /// <summary>The fund's active credit officer <paramref name="id"/> (null when absent, of another fund or not a credit officer).</summary>
    public static async Task<UserAccount?> UserAsync(IQuerySession session, Guid? id, CancellationToken ct) =>
        id is { } userId && userId != Guid.Empty ? await session.LoadAsync<UserAccount>(userId, ct) : null;

    /// <summary>The open files of the fund (the session's): submitted applications not yet decided against and loans not
    /// closed, with their view; <paramref name="officer"/> narrows to those of one officer.</summary>
    public static async Task<IReadOnlyList<LoanDetails>> OpenFilesAsync(IQuerySession session, Guid? officer, CancellationToken ct)
    {
        IQueryable<LoanDetails> query = session.Query<LoanDetails>().Where(x => x.Stage != LoanStage.Closed);
        if (officer is { } o) query = query.Where(x => x.OfficerId == o);
        var files = await query.ToListAsync(ct);
        var applications = files.Where(f => f.Stage == LoanStage.Application).Select(f => f.Id).ToArray();
        var statuses = applications.Length == 0 ? new Dictionary<Guid, ApplicationStatus>()
            : (await session.LoadManyAsync<ApplicationDetails>(ct, applications)).ToDictionary(a => a.Id, a => a.Status);
        return files.Where(f => f.Stage != LoanStage.Application
            || (statuses.TryGetValue(f.Id, out var s) && IsOpenFile(s, f.Stage))).ToArray();
    }
}

/// <summary>The answer to a reassignment: the transfer's id (the same on every loan it moved) and the loans moved.</summary>
public sealed record OfficerTransferReceipt(Guid TransferId, Guid ToOfficerId, IReadOnlyList<Guid> LoanIds);
