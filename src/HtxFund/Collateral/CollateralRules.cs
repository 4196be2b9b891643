using System.Security.Claims;
using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Collateral;

/// <summary>The loan (or application: the same stream) an item is pledged to, as the pledge rules need it.</summary>
public sealed record PledgeTarget(Guid LoanId, Guid CooperativeId, Guid? MemberId, bool Open, string? ContractNumber);

/// <summary>
/// The pure rules of the collateral register: who may see and change an item, what a pledge and a release need. An item
/// belongs to the borrower whose debts it secures (the cooperative, or one of its members); a guarantee or an asset of
/// a third party is registered for that borrower and names its guarantor or owner. So a pledge always goes to a loan
/// of the item's own borrower: another cooperative's loan, or the cooperative's loan for a member's item (and the
/// reverse), is refused. Nothing here loads or writes.
/// </summary>
public static class CollateralRules
{
    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("collateral.not_found", $"Không tìm thấy tài sản bảo đảm {id}.");

    /// <summary>Whether <paramref name="user"/> may read <paramref name="item"/>: staff of the fund (the session is the
    /// fund's), a cooperative only its own items.</summary>
    public static bool MayRead(ClaimsPrincipal user, CollateralItem? item) => item is not null && user.MaySee(item.CooperativeId);

    /// <summary>404 when the user's fund has no such item (or it is another cooperative's); 409
    /// <c>collateral.version_conflict</c> when the client sent a version the stream has moved on from.</summary>
    public static ProblemDetails Writable(IEventStream<CollateralItem> stream, Guid id, long? expectedVersion, ClaimsPrincipal user) =>
        !MayRead(user, stream.Aggregate) ? NotFound(id)
        : StreamVersions.Check(expectedVersion, stream.CurrentVersion, false, "collateral", "tài sản bảo đảm") ?? WolverineContinue.NoProblems;

    /// <summary>A pledge of <paramref name="sharePercent"/> % of <paramref name="item"/> to <paramref name="target"/>.</summary>
    public static ProblemDetails? Pledge(CollateralItem item, Guid loanId, PledgeTarget? target, decimal sharePercent)
    {
        if (target is null) return LoanAccess.NotFound(loanId);
        if (!target.Open)
            return Problems.Conflict("loan.closed", "Khoản vay (hồ sơ vay) này đã tất toán, bị từ chối hoặc đã rút: không nhận thế chấp thêm.");
        if (target.CooperativeId != item.CooperativeId || target.MemberId != item.MemberId)
            return Problems.Unprocessable("collateral.other_borrower",
                "Tài sản bảo đảm chỉ được thế chấp cho khoản vay của chính bên vay đã đăng ký tài sản (bảo lãnh của bên thứ ba hoặc của hợp tác xã được đăng ký cho bên vay được bảo lãnh).");
        if (item.Pledges.Any(p => p.IsActive && p.LoanId == loanId))
            return Problems.Conflict("collateral.already_pledged", "Tài sản này đang được thế chấp cho khoản vay này; giải chấp trước khi thế chấp lại với tỷ lệ khác.");
        var pledged = item.ActiveSharePercent;
        if (pledged + sharePercent > 100m)
            return Problems.Unprocessable("collateral.over_pledged",
                $"Tổng tỷ lệ thế chấp của tài sản sẽ vượt 100 %: đã thế chấp {pledged:0.##} %, chỉ còn {100m - pledged:0.##} %.",
                new Dictionary<string, object?> { ["pledgedPercent"] = pledged, ["availablePercent"] = 100m - pledged });
        return null;
    }

    /// <summary>The release of the pledge <paramref name="pledgeId"/>, whose loan is <paramref name="target"/>: only once the
    /// loan is closed (or the application rejected or withdrawn).</summary>
    public static ProblemDetails? Release(CollateralItem item, Guid pledgeId, PledgeTarget? target)
    {
        if (item.Pledges.FirstOrDefault(p => p.PledgeId == pledgeId) is not { } pledge)
            return Problems.NotFound("pledge.not_found", $"Không tìm thấy hợp đồng thế chấp {pledgeId} của tài sản này.");
        if (!pledge.IsActive)
            return Problems.Conflict("pledge.already_released", $"Tài sản đã được giải chấp ngày {pledge.ReleasedOn:dd/MM/yyyy}.");
        if (target is { Open: true })
            return Problems.Conflict("pledge.loan_open",
                $"Khoản vay {target.ContractNumber ?? pledge.LoanId.ToString()} chưa tất toán: chưa được giải chấp tài sản bảo đảm.");
        return null;
    }

    /// <summary>The loan or application <paramref name="loanId"/> of the session's fund as a pledge target; null when there is none.</summary>
    public static async Task<PledgeTarget?> TargetAsync(IQuerySession session, Guid loanId, CancellationToken ct)
    {
        var loan = await session.LoadAsync<Loan>(loanId, ct);
        if (loan is null) return null;
        var application = await session.LoadAsync<ApplicationDetails>(loanId, ct);
        var ended = loan.IsClosed || application?.Status is ApplicationStatus.Rejected or ApplicationStatus.Withdrawn;
        return new PledgeTarget(loan.Id, loan.CooperativeId, loan.MemberId, !ended, loan.Contract?.ContractNumber);
    }

    /// <summary>The pledges released automatically when <paramref name="loanId"/> closed on <paramref name="closedOn"/>.</summary>
    public static IEnumerable<CollateralPledgeReleased> ReleasedAtClosure(CollateralItem item, Guid loanId, LocalDate closedOn, Instant now) =>
        item.Pledges.Where(p => p.IsActive && p.LoanId == loanId)
            .Select(p => new CollateralPledgeReleased(item.Id, p.PledgeId, loanId, closedOn, PledgeReleaseReason.LoanClosed, Actor.System, now));
}
