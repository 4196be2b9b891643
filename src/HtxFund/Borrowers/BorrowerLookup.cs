using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Borrowers;

/// <summary>A borrower as found in the fund: its cooperative and, for a member, the member.</summary>
public sealed record BorrowerFound(CooperativeDetails Cooperative, CooperativeMemberView? Member)
{
    public string Name => Member?.FullName ?? Cooperative.Name;
}

public static class BorrowerLookup
{
    /// <summary>The borrower in the session's fund, or null: an unknown cooperative, or a member not in it.</summary>
    public static async Task<BorrowerFound?> FindAsync(IQuerySession session, BorrowerRef borrower, CancellationToken ct)
    {
        var cooperative = await session.LoadAsync<CooperativeDetails>(borrower.CooperativeId, ct);
        if (cooperative is null) return null;
        if (borrower.MemberId is not { } memberId) return new(cooperative, null);
        var member = cooperative.Members.FirstOrDefault(m => m.MemberId == memberId);
        return member is null ? null : new(cooperative, member);
    }

    /// <summary>The member's name for a member, the cooperative's name for the cooperative.</summary>
    public static string NameOf(CooperativeDetails cooperative, BorrowerRef borrower) =>
        cooperative.Members.FirstOrDefault(m => m.MemberId == borrower.MemberId)?.FullName ?? cooperative.Name;

    public static ProblemDetails NotFound(BorrowerRef borrower) => borrower.MemberId is { } member
        ? Problems.NotFound("borrower.not_found", $"Không tìm thấy thành viên {member} trong tổ chức {borrower.CooperativeId} của quỹ.")
        : Problems.NotFound("borrower.not_found", $"Không tìm thấy tổ chức có mã {borrower.CooperativeId} trong quỹ.");
}
