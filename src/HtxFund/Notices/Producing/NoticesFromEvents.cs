using HtxFund.Applications;
using HtxFund.Applications.Deciding;
using HtxFund.Applications.GettingDetails;
using HtxFund.Documents.Formatting;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using HtxFund.Reminders.Notifications;
using JasperFx.Events;
using Marten;

namespace HtxFund.Notices.Producing;

/// <summary>
/// The notice an event of the log makes, if any: pure mapping plus the reads it needs, in the event's fund (its Marten
/// tenant). The notice id is derived from the event's id, so the same event replayed makes the same notice, which
/// <see cref="Delivering.SendNoticeHandler"/> delivers once. Reads that depend on the moment of the event (the votes
/// before a vote, the balance after a repayment) fold the stream up to the event's version, never today's state.
/// </summary>
public static class NoticesFromEvents
{
    /// <summary>The event types that can make a notice (the subscription's allow list).</summary>
    public static readonly Type[] EventTypes =
    [
        typeof(ApplicationSubmitted), typeof(ApplicationResubmitted), typeof(ApplicationAppraised), typeof(BoardVoteCast),
        typeof(TranchePrepared), typeof(ApplicationReturnedForInformation), typeof(DecisionLetterIssued), typeof(TrancheDisbursed),
        typeof(LoanRepaymentRecorded), typeof(LoanRestructuringApproved), typeof(LoanRestructuringRejected),
    ];

    public static async Task<SendNotice?> ForAsync(IEvent e, IQuerySession session, CancellationToken ct)
    {
        var fund = e.TenantId;
        switch (e.Data)
        {
            case ApplicationSubmitted s:
            {
                var app = await Application(session, s.ApplicationId, ct);
                return app is null ? null : Notice(e, NoticeKind.ApplicationSubmitted, NoticeAudience.ToRoles(Roles.CreditOfficer),
                    $"Hồ sơ vay mới {Name(app)}",
                    $"{app.BorrowerName} đã nộp hồ sơ vay {Money(app.Amount)}; hồ sơ chờ cán bộ tín dụng thẩm định.", StaffApplication(app.Id));
            }
            case ApplicationResubmitted r:
            {
                var app = await Application(session, r.ApplicationId, ct);
                return app is null ? null : Notice(e, NoticeKind.ApplicationSubmitted, NoticeAudience.ToRoles(Roles.CreditOfficer),
                    $"Hồ sơ vay {Name(app)} đã được nộp lại",
                    $"{app.BorrowerName} đã bổ sung thông tin và nộp lại hồ sơ: {r.Response}", StaffApplication(app.Id));
            }
            case ApplicationAppraised a:
            {
                var tier = await Decisions.DecidingTierAsync(session, a.Appraisal, ct);
                if (tier.DecidedBy != ApprovalAuthority.Board) return null; // the Director decides: nothing for the board to vote
                var app = await Application(session, a.ApplicationId, ct);
                return app is null ? null : Notice(e, NoticeKind.AppraisalAwaitingVotes, NoticeAudience.ToRoles(Roles.BoardMember),
                    $"Hồ sơ {Name(app)} chờ Hội đồng quản lý biểu quyết",
                    $"Hồ sơ của {app.BorrowerName} đã được thẩm định với số tiền đề xuất {Money(a.Appraisal.Proposal.Amount)}; mời thành viên Hội đồng quản lý biểu quyết.",
                    StaffApplication(app.Id));
            }
            case BoardVoteCast v:
            {
                var outcome = await QuorumReachedByAsync(session, e, v, ct);
                if (outcome is null) return null;
                var app = await Application(session, v.ApplicationId, ct);
                return app is null ? null : Notice(e, NoticeKind.VoteReachedQuorum, NoticeAudience.ToRoles(Roles.Director),
                    $"Biểu quyết hồ sơ {Name(app)} đã đủ số thành viên tối thiểu",
                    $"Hội đồng quản lý đã biểu quyết đủ số thành viên tối thiểu đối với hồ sơ của {app.BorrowerName}: "
                    + $"{outcome.Approvals} tán thành, {outcome.Rejections} không tán thành, {outcome.Abstentions} không biểu quyết; "
                    + (outcome.Outcome == BoardVoteOutcome.Approved ? "khoản vay được thông qua." : "khoản vay không được thông qua."),
                    StaffApplication(app.Id));
            }
            case TranchePrepared p:
            {
                var app = await Application(session, p.LoanId, ct);
                return app is null ? null : Notice(e, NoticeKind.TranchePrepared, NoticeAudience.ToRoles(Roles.ChiefAccountant),
                    $"Đợt giải ngân {Money(p.Amount)} chờ xác nhận",
                    $"Kế toán đã lập đợt giải ngân {Money(p.Amount)} cho {app.BorrowerName}, ngày giá trị {VietnameseFormat.Date(p.ValueDate)}; "
                    + "chờ Kế toán trưởng xác nhận.", $"/tai-chinh/khoan-vay/{p.LoanId}");
            }
            case ApplicationReturnedForInformation r:
            {
                var app = await Application(session, r.ApplicationId, ct);
                return app is null ? null : Notice(e, NoticeKind.ApplicationReturned, NoticeAudience.ToCooperative(app.CooperativeId),
                    $"Hồ sơ vay {Name(app)} cần bổ sung thông tin",
                    $"Quỹ đề nghị bổ sung thông tin cho hồ sơ vay: {r.Questions}", $"/htx/ho-so/{app.Id}");
            }
            case DecisionLetterIssued l:
            {
                var application = await session.Events.AggregateStreamAsync<LoanApplication>(l.ApplicationId, e.Version, token: ct);
                var app = await Application(session, l.ApplicationId, ct);
                if (application is null || app is null) return null;
                var (title, body) = application.Decision switch
                {
                    LoanApproved ok => ($"Hồ sơ vay {Name(app)} đã được phê duyệt",
                        $"Quỹ đã quyết định cho vay {Money(ok.Terms.Amount)} (quyết định số {ok.DecisionNumber}). Văn bản quyết định gửi kèm."),
                    LoanRejected no => ($"Hồ sơ vay {Name(app)} không được chấp thuận",
                        $"Quỹ đã quyết định không cho vay (thông báo số {no.DecisionNumber}). Văn bản thông báo lý do gửi kèm."),
                    _ => (null, null),
                };
                return title is null ? null : Notice(e, NoticeKind.ApplicationDecided, NoticeAudience.ToCooperative(app.CooperativeId),
                    title, body!, $"/htx/ho-so/{app.Id}", l.FileId);
            }
            case TrancheDisbursed d:
            {
                var app = await Application(session, d.LoanId, ct);
                return app is null ? null : Notice(e, NoticeKind.TranchePaid, NoticeAudience.ToCooperative(app.CooperativeId),
                    $"Quỹ đã giải ngân {Money(d.Amount)}",
                    $"Quỹ đã chuyển {Money(d.Amount)} vốn vay ngày {VietnameseFormat.Date(d.ValueDate)}.", $"/htx/khoan-vay/{d.LoanId}");
            }
            case LoanRepaymentRecorded r:
            {
                var app = await Application(session, r.LoanId, ct);
                var outstanding = await OutstandingAfterAsync(session, e, r, ct);
                return app is null || outstanding is null ? null : Notice(e, NoticeKind.RepaymentReceived, NoticeAudience.ToCooperative(app.CooperativeId),
                    $"Quỹ đã nhận {Money(r.Amount)} tiền trả nợ",
                    $"Quỹ đã nhận {Money(r.Amount)} tiền trả nợ ngày {VietnameseFormat.Date(r.ValueDate)}. "
                    + $"Dư nợ gốc sau khoản trả này: {Money(outstanding.Value)}.", $"/htx/khoan-vay/{r.LoanId}");
            }
            case LoanRestructuringApproved a:
            {
                var app = await Application(session, a.LoanId, ct);
                return app is null ? null : Notice(e, NoticeKind.RestructuringDecided, NoticeAudience.ToCooperative(app.CooperativeId),
                    "Đề nghị cơ cấu lại thời hạn trả nợ đã được chấp thuận",
                    "Hội đồng xử lý rủi ro đã chấp thuận cơ cấu lại thời hạn trả nợ; khoản vay được trả theo kế hoạch mới.", $"/htx/khoan-vay/{a.LoanId}");
            }
            case LoanRestructuringRejected r:
            {
                var app = await Application(session, r.LoanId, ct);
                return app is null ? null : Notice(e, NoticeKind.RestructuringDecided, NoticeAudience.ToCooperative(app.CooperativeId),
                    "Đề nghị cơ cấu lại thời hạn trả nợ không được chấp thuận",
                    $"Hội đồng xử lý rủi ro không chấp thuận cơ cấu lại thời hạn trả nợ: {r.Reason}. Khoản vay giữ lịch trả nợ hiện tại.",
                    $"/htx/khoan-vay/{r.LoanId}");
            }
            default:
                return null;
        }

        SendNotice Notice(IEvent source, NoticeKind kind, NoticeAudience to, string title, string body, string link, Guid? file = null) =>
            new(fund, NoticeKeys.Of(source.Id, kind.ToString()), kind, to, title, body, link, file);
    }

    /// <summary>The tally when <paramref name="vote"/> is the vote that brings the board's votes to the quorum of the tier
    /// recorded at appraisal (the board's own rule, <see cref="BoardTally"/>); null when it is not.</summary>
    public static async Task<BoardTally?> QuorumReachedByAsync(IQuerySession session, IEvent e, BoardVoteCast vote, CancellationToken ct)
    {
        var before = await session.Events.AggregateStreamAsync<LoanApplication>(vote.ApplicationId, e.Version - 1, token: ct);
        if (before is not { Appraisal: { } appraisal }) return null;
        var tier = await Decisions.DecidingTierAsync(session, appraisal, ct);
        if (tier.DecidedBy != ApprovalAuthority.Board) return null;
        var tally = BoardTally.With(before, vote.By.UserId, vote.Vote, tier);
        return tally.Outcome == BoardVoteOutcome.QuorumNotReached ? null : tally;
    }

    /// <summary>The principal outstanding after <paramref name="repayment"/>, by the engine: the loan folded from its stream
    /// up to this event, valued as of the repayment's value date under the fund's policy.</summary>
    public static async Task<long?> OutstandingAfterAsync(IQuerySession session, IEvent e, LoanRepaymentRecorded repayment, CancellationToken ct)
    {
        var loan = await session.Events.AggregateStreamAsync<Loan>(repayment.LoanId, e.Version, token: ct);
        if (loan is null) return null;
        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        return LoanPosition.Of(loan, repayment.ValueDate, policy)?.PrincipalOutstanding;
    }

    private static Task<ApplicationDetails?> Application(IQuerySession session, Guid id, CancellationToken ct) =>
        session.LoadAsync<ApplicationDetails>(id, ct);

    private static string Name(ApplicationDetails app) => app.ApplicationNumber is { } n ? $"số {n}" : $"của {app.BorrowerName}";

    private static string Money(long dong) => VietnameseFormat.Money(HtxFund.Lending.Money.Of(dong));

    public static string StaffApplication(Guid id) => $"/tin-dung/ho-so/{id}";
}
