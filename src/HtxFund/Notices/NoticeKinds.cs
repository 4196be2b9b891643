using HtxFund.Identity;
using HtxFund.Reminders.Notifications;

namespace HtxFund.Notices;

/// <summary>What each <see cref="NoticeKind"/> is called and whom it concerns: the roles that receive it, which are the
/// roles whose users may turn its email off (the preferences show a user only the kinds of their roles).</summary>
public static class NoticeKinds
{
    public sealed record Info(NoticeKind Kind, string Label, IReadOnlyList<string> Roles);

    public static readonly IReadOnlyList<Info> All =
    [
        new(NoticeKind.ApplicationSubmitted, "Hồ sơ vay mới hoặc nộp lại", [Roles.CreditOfficer]),
        new(NoticeKind.AppraisalAwaitingVotes, "Hồ sơ đã thẩm định chờ Hội đồng quản lý biểu quyết", [Roles.BoardMember]),
        new(NoticeKind.VoteReachedQuorum, "Biểu quyết của Hội đồng quản lý đủ số thành viên tối thiểu", [Roles.Director]),
        new(NoticeKind.TranchePrepared, "Đợt giải ngân đã lập, chờ Kế toán trưởng xác nhận", [Roles.ChiefAccountant]),
        new(NoticeKind.InspectionDueSoon, "Kiểm tra sử dụng vốn vay đến hạn trong 3 ngày", [Roles.CreditOfficer]),
        new(NoticeKind.MisuseFollowUpOpened, "Vốn vay sử dụng sai mục đích, chờ Giám đốc xử lý", [Roles.Director, Roles.CreditOfficer]),
        new(NoticeKind.PromiseToPayBroken, "Cam kết trả nợ không được thực hiện", [Roles.CreditOfficer, Roles.Director]),
        new(NoticeKind.CollectionEscalated, "Khoản nợ được chuyển Giám đốc xử lý", [Roles.Director]),
        new(NoticeKind.ApplicationReturned, "Hồ sơ vay được trả lại để bổ sung thông tin", [Roles.Cooperative]),
        new(NoticeKind.ApplicationDecided, "Hồ sơ vay đã có quyết định (kèm văn bản)", [Roles.Cooperative]),
        new(NoticeKind.ContractReadyToSign, "Hợp đồng tín dụng sẵn sàng để ký", [Roles.Cooperative]),
        new(NoticeKind.TranchePaid, "Quỹ đã giải ngân một đợt vốn vay", [Roles.Cooperative]),
        new(NoticeKind.RepaymentReceived, "Quỹ đã nhận tiền trả nợ (kèm dư nợ mới)", [Roles.Cooperative]),
        new(NoticeKind.RestructuringDecided, "Đề nghị cơ cấu lại thời hạn trả nợ đã có quyết định", [Roles.Cooperative]),
        new(NoticeKind.LoanUseFollowUpDecided, "Quyết định xử lý việc sử dụng vốn vay sai mục đích (thu hồi hoặc nhắc nhở)", [Roles.Cooperative]),
    ];

    public static Info Of(NoticeKind kind) => All.Single(i => i.Kind == kind);

    /// <summary>The kinds that concern a user holding <paramref name="roles"/>, in the order above.</summary>
    public static IReadOnlyList<Info> For(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return All.Where(i => i.Roles.Any(held.Contains)).ToArray();
    }
}
