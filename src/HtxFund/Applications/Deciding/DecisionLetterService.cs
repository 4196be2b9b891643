using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Documents.Letters;
using HtxFund.Files;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using Marten;
using NodaTime;

namespace HtxFund.Applications.Deciding;

/// <summary>
/// Renders the decision (Quyết định cho vay) or the refusal notice (Thông báo từ chối) as a Vietnamese PDF and stores
/// it in the same session as the decision, so the letter and the decision commit together. The letterhead comes from
/// the fund and configuration (<c>HtxFund:Letterheads:{fundId}:SuperiorBody</c> and <c>:ContactLines</c>).
/// </summary>
public sealed class DecisionLetterService(IConfiguration configuration)
{
    public const string FontFolderKey = "HtxFund:Documents:FontFolder";

    public async Task<DecisionLetterIssued> IssueAsync(IDocumentSession session, Guid applicationId, object decision, Actor actor,
        Instant now, CancellationToken ct)
    {
        var details = await session.LoadAsync<ApplicationDetails>(applicationId, ct)
                      ?? throw new InvalidOperationException($"Application {applicationId} has no read model.");
        var cooperative = await session.LoadAsync<CooperativeDetails>(details.CooperativeId, ct)
                          ?? throw new InvalidOperationException($"Cooperative {details.CooperativeId} not found.");
        var fund = await session.LoadAsync<Fund>(session.TenantId, ct);
        var user = await session.LoadAsync<UserAccount>(actor.UserId, ct);
        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();

        var data = Compose(details, cooperative, fund, session.TenantId, user?.DisplayName ?? actor.UserName, decision, policy, now);
        var pdf = DecisionLetter.Render(data);
        var kind = data.Kind == DecisionKind.Approval ? "quyet-dinh-cho-vay" : "thong-bao-tu-choi";
        var name = $"{kind}-{data.DocumentNumber.Split('/')[0]}-{data.Date.Year}.pdf";
        var upload = FileUpload.FromBytes(name, pdf, new FileLimits(Math.Max(FileLimits.DefaultMaxBytes, pdf.LongLength)));
        if (upload.Upload is null) throw new InvalidOperationException($"The rendered letter was refused by the file store: {upload.Refusal}");
        var stored = FileStore.Save(session, upload.Upload, $"application:{applicationId}", actor, now);
        return new DecisionLetterIssued(applicationId, stored.Id, stored.FileName, stored.Sha256, now);
    }

    private DecisionLetterData Compose(ApplicationDetails details, CooperativeDetails cooperative, Fund? fund, string fundId, string signer,
        object decision, LendingPolicy policy, Instant now)
    {
        var province = fund?.ProvinceName ?? cooperative.Province;
        var letterhead = FundLetterheads.Resolve(configuration, fund, fundId, province);
        var member = details.MemberId is { } memberId ? cooperative.Members.FirstOrDefault(m => m.MemberId == memberId) : null;
        var borrower = member is null
            ? new DecisionBorrower(cooperative.Name, cooperative.Type.DisplayName(), cooperative.TaxCode, cooperative.Address, cooperative.LegalRepresentative)
            : new DecisionBorrower(member.FullName, $"Thành viên {cooperative.Type.DisplayName().ToLowerInvariant()} {cooperative.Name}", null,
                cooperative.Address, member.FullName);
        var (number, date, decider) = decision switch
        {
            LoanApproved a => (a.DecisionNumber, a.BusinessDate, a.DecidedBy),
            LoanRejected r => (r.DecisionNumber, r.BusinessDate, r.DecidedBy),
            _ => throw new ArgumentException($"Not a decision: {decision.GetType().Name}", nameof(decision)),
        };
        var fundName = fund?.Name ?? "Quỹ hỗ trợ phát triển hợp tác xã";
        var title = decider == Decider.Director ? "GIÁM ĐỐC" : "TM. HỘI ĐỒNG QUẢN LÝ";
        var request = details.Request;

        return new DecisionLetterData
        {
            Fund = letterhead,
            DocumentNumber = number,
            Place = province,
            Date = date,
            Kind = decision is LoanApproved ? DecisionKind.Approval : DecisionKind.Rejection,
            Borrower = borrower,
            ApplicationReference = details.Id.ToString()[..8].ToUpperInvariant(),
            ApplicationDate = details.CompleteFileDate ?? details.CreatedOn,
            Approval = decision is LoanApproved approved ? new ApprovedLoan(
                Money.Of(approved.Terms.Amount), approved.Terms.AnnualRatePercent,
                policy.OverdueRatePercentPerYear(approved.Terms.AnnualRatePercent), approved.Terms.TermMonths,
                approved.Terms.Method, approved.Terms.Frequency, approved.Terms.GraceMonths, request.Purpose,
                request.UnsecuredRequested || request.Collateral.Count == 0
                    ? "Cho vay không có tài sản bảo đảm theo quy định nội bộ của Quỹ."
                    : string.Join("; ", request.Collateral.Select(c => $"{c.Description} (giá trị {Formatting.Money(c.AppraisedValue)})")),
                approved.Schedule.Select(r => new DecisionScheduleRow(r.Number, r.DueDate, Money.Of(r.Principal), Money.Of(r.Interest),
                    Money.Of(r.Total), Money.Of(r.BalanceAfter))).ToArray(),
                [
                    "Sử dụng vốn vay đúng mục đích ghi trong hồ sơ đề nghị vay vốn (Nghị định 45/2021, Điều 21).",
                    "Trả nợ gốc và lãi đầy đủ, đúng hạn theo lịch trả nợ kèm theo.",
                    "Không có nợ xấu tại các tổ chức tín dụng tại thời điểm giải ngân lần đầu (Nghị định 45/2021, Điều 22 khoản 6).",
                    "Ký hợp đồng tín dụng và hoàn thiện hồ sơ bảo đảm tiền vay (nếu có) trước khi giải ngân.",
                ]) : null,
            RejectionReasons = decision is LoanRejected rejected ? rejected.Reasons : [],
            Recipients = ["Như Điều 3;", "Lưu: VT, Phòng Tín dụng."],
            Signer = new DecisionSigner(title, signer, $"{(decider == Decider.Director ? "GIÁM ĐỐC" : "HỘI ĐỒNG QUẢN LÝ")} {fundName.ToUpperInvariant()}"),
            CreatedAt = now,
            FontFolder = configuration[FontFolderKey] ?? Documents.PdfDocumentOptions.DefaultFontFolder,
        };
    }
}
