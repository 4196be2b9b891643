using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans.GettingDetails;
using HtxFund.Reminders;
using HtxFund.Reminders.Notifications;

namespace HtxFund.Collections;

/// <summary>The notices collection activity sends (part E delivers them). Each notice id is name-based on the fact's own
/// id, so a retried step does not notify twice.</summary>
public static class CollectionNotices
{
    private static readonly Guid Namespace = new("b7f2d6a0-5c3e-4f8b-9e71-2d4c6a8e0f13");

    public static Guid NoticeId(Guid factId) => ReminderKeys.UuidV5(Namespace, $"collections:{factId:N}");

    /// <summary>To the loan's officer (when one is responsible) and the Director(s).</summary>
    public static SendNotice Broken(string fundId, LoanDetails loan, PromiseToPayBroken broken) =>
        new(fundId, NoticeId(broken.PromiseId), NoticeKind.PromiseToPayBroken,
            new NoticeAudience(loan.OfficerId is { } officer ? [officer] : [], [Roles.Director]),
            $"Cam kết trả nợ không được thực hiện: {loan.ContractNumber} – {loan.BorrowerName}",
            $"{loan.BorrowerName} hứa trả {Money.Of(broken.Amount).ToDisplayString()} đến ngày {broken.PayBy:dd/MM/yyyy} cho khoản vay "
            + $"{loan.ContractNumber} nhưng mới trả {Money.Of(broken.Paid).ToDisplayString()}.",
            "/thu-no");

    /// <summary>To the Director(s).</summary>
    public static SendNotice Escalated(string fundId, LoanDetails loan, CollectionEscalated escalated) =>
        new(fundId, NoticeId(escalated.EscalationId), NoticeKind.CollectionEscalated, NoticeAudience.ToRoles(Roles.Director),
            $"Báo cáo thu nợ: {loan.ContractNumber} – {loan.BorrowerName}",
            $"{escalated.By.UserName} báo cáo Giám đốc khoản vay {loan.ContractNumber} của {loan.BorrowerName}: {escalated.Reason}",
            "/thu-no/bao-cao");
}
