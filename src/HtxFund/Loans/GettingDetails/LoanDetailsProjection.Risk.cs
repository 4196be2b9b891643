using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Lending;
using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;

namespace HtxFund.Loans.GettingDetails;

/// <summary>The loan view's part for a loan in difficulty: restructurings, interest waivers and their letters, and the
/// risk handling (use of provisions, write-off, recoveries), each in the loan's history.</summary>
public sealed partial class LoanDetailsProjection
{
    public static LoanDetails Apply(IEvent<LoanRestructuringRequested> @event, LoanDetails d)
    {
        var e = @event.Data;
        var view = new RestructuringView(e.RestructuringId, e.Kind, e.Date, e.Plan, e.Reason, RestructuringState.Requested, e.By.UserName, null);
        return Log(d with { Restructurings = [.. d.Restructurings, view] }, @event, Entry(e.By, e.At, "restructuring_requested",
            $"Đề nghị {KindName(e.Kind)} từ ngày {e.Date:dd/MM/yyyy}, {e.Plan.Count} kỳ trả gốc, kỳ cuối {e.Plan[^1].DueDate:dd/MM/yyyy}: {e.Reason}"));
    }

    public static LoanDetails Apply(IEvent<LoanRestructuringApproved> @event, LoanDetails d)
    {
        var e = @event.Data;
        var r = d.Restructurings.Single(x => x.RestructuringId == e.RestructuringId);
        return Log(d with
            {
                Restructurings = d.Restructurings.Select(x => x.RestructuringId == e.RestructuringId
                    ? x with { State = RestructuringState.Approved, ApprovedBy = e.By.UserName, DecidedBy = e.By.UserName } : x).ToArray(),
            },
            @event, Entry(e.By, e.At, "restructuring_approved", $"Phê duyệt {KindName(r.Kind)} từ ngày {r.Date:dd/MM/yyyy}."));
    }

    public static LoanDetails Apply(IEvent<LoanRestructuringRejected> @event, LoanDetails d)
    {
        var e = @event.Data;
        var r = d.Restructurings.Single(x => x.RestructuringId == e.RestructuringId);
        return Log(d with
            {
                Restructurings = d.Restructurings.Select(x => x.RestructuringId == e.RestructuringId
                    ? x with { State = RestructuringState.Rejected, DecidedBy = e.By.UserName, RejectionReason = e.Reason } : x).ToArray(),
            },
            @event, Entry(e.By, e.At, "restructuring_rejected", $"Từ chối {KindName(r.Kind)}: {e.Reason}"));
    }

    public static LoanDetails Apply(IEvent<LoanInterestWaiverRequested> @event, LoanDetails d)
    {
        var e = @event.Data;
        var view = new WaiverView(e.WaiverId, e.Date, e.Amount, e.Ground, e.Reason, WaiverState.Requested, e.By.UserName, null, null);
        return Log(d with { Waivers = [.. d.Waivers, view] }, @event, Entry(e.By, e.At, "interest_waiver_requested",
            $"Đề nghị miễn, giảm lãi {Money.Of(e.Amount).ToDisplayString()} tính đến ngày {e.Date:dd/MM/yyyy} ({GroundName(e.Ground)}): {e.Reason}"));
    }

    public static LoanDetails Apply(IEvent<LoanInterestWaiverApproved> @event, LoanDetails d)
    {
        var e = @event.Data;
        var w = d.Waivers.Single(x => x.WaiverId == e.WaiverId);
        return Log(d with { Waivers = d.Waivers.Select(x => x.WaiverId == e.WaiverId ? x with { State = WaiverState.Approved, DecidedBy = e.By.UserName } : x).ToArray() },
            @event, Entry(e.By, e.At, "interest_waiver_approved", $"Phê duyệt miễn, giảm lãi {Money.Of(w.Amount).ToDisplayString()} tính đến ngày {w.Date:dd/MM/yyyy}."));
    }

    public static LoanDetails Apply(IEvent<LoanInterestWaiverRejected> @event, LoanDetails d)
    {
        var e = @event.Data;
        var w = d.Waivers.Single(x => x.WaiverId == e.WaiverId);
        return Log(d with
            {
                Waivers = d.Waivers.Select(x => x.WaiverId == e.WaiverId
                    ? x with { State = WaiverState.Rejected, DecidedBy = e.By.UserName, RejectionReason = e.Reason } : x).ToArray(),
            },
            @event, Entry(e.By, e.At, "interest_waiver_rejected", $"Từ chối miễn, giảm lãi {Money.Of(w.Amount).ToDisplayString()}: {e.Reason}"));
    }

    /// <summary>The decision letter of a restructuring or a waiver, issued after its approval: the view keeps its file.</summary>
    public static LoanDetails Apply(IEvent<LoanDecisionLetterIssued> @event, LoanDetails d)
    {
        var e = @event.Data;
        return d with
        {
            Restructurings = d.Restructurings.Select(r => r.RestructuringId == e.DecisionId ? r with { LetterFileId = e.FileId, LetterNumber = e.DocumentNumber } : r).ToArray(),
            Waivers = d.Waivers.Select(w => w.WaiverId == e.DecisionId ? w with { LetterFileId = e.FileId, LetterNumber = e.DocumentNumber } : w).ToArray(),
            Version = @event.Version,
        };
    }

    public static string GroundName(WaiverGround ground) => ground == WaiverGround.BorrowerCannotPay
        ? "khách hàng không có khả năng trả lãi" : "căn cứ khác theo chính sách của Quỹ";

    public static LoanDetails Apply(IEvent<LoanRiskHandlingProposed> @event, LoanDetails d)
    {
        var e = @event.Data;
        return Log(d, @event, Entry(e.By, e.At, "risk_handling_proposed",
            $"Hội đồng xử lý rủi ro đề xuất {WritingOff.RiskHandlingText.Step(e.Step).ToLowerInvariant()} ({WritingOff.RiskHandlingText.Ground(e.Ground)}): {e.Reason}"));
    }

    public static LoanDetails Apply(IEvent<LoanRiskHandlingRejected> @event, LoanDetails d) =>
        Log(d, @event, Entry(@event.Data.By, @event.Data.At, "risk_handling_rejected", $"Từ chối đề xuất xử lý rủi ro: {@event.Data.Reason}"));

    public static LoanDetails Apply(IEvent<LoanProvisionsUsed> @event, LoanDetails d)
    {
        var e = @event.Data;
        return Log(d with { OffBalanceSince = e.Date }, @event, Entry(e.By, e.At, "provisions_used",
            $"Quyết định sử dụng dự phòng ngày {e.Date:dd/MM/yyyy} (văn bản chấp thuận {e.Approval.Number}): dư nợ gốc {Money.Of(e.PrincipalOffBalance).ToDisplayString()} "
            + $"chuyển theo dõi ngoại bảng, dự phòng sử dụng {Money.Of(e.ProvisionsUsed).ToDisplayString()}, hạch toán chi phí {Money.Of(e.ChargedToExpense).ToDisplayString()}."));
    }

    public static LoanDetails Apply(IEvent<LoanWrittenOffFromBooks> @event, LoanDetails d)
    {
        var e = @event.Data;
        return Log(d with { WrittenOffOn = e.Date }, @event, Entry(e.By, e.At, "written_off",
            $"Quyết định xuất toán ngày {e.Date:dd/MM/yyyy} (văn bản chấp thuận {e.Approval.Number})."));
    }

    public static LoanDetails Apply(IEvent<RiskDecisionLetterIssued> @event, LoanDetails d) => d with { Version = @event.Version };

    public static LoanDetails Apply(IEvent<LoanRecoveryRecorded> @event, LoanDetails d)
    {
        var e = @event.Data;
        return Log(d with { Recovered = d.Recovered + e.Amount }, @event, Entry(e.By, e.At, "recovery_recorded",
            $"Thu hồi nợ đã xử lý rủi ro {Money.Of(e.Amount).ToDisplayString()} ngày {e.ValueDate:dd/MM/yyyy} ({WritingOff.RiskHandlingText.Source(e.Source)}), chứng từ {e.BankReference}."));
    }

    public static string KindName(RestructuringKind kind) => kind == RestructuringKind.Extension ? "gia hạn nợ" : "điều chỉnh kỳ hạn trả nợ";
}
