using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Documents.Letters;
using HtxFund.Files;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Lending;
using Marten;
using NodaTime;

namespace HtxFund.Loans.Contracting;

/// <summary>Renders the signed contract with its schedule annex and stores it in the same session as the signing, so
/// the contract event and its PDF commit together (as <see cref="Applications.Deciding.DecisionLetterService"/>).</summary>
public sealed class ContractDocumentService(IConfiguration configuration)
{
    public async Task<LoanContractDocumentIssued> IssueAsync(IDocumentSession session, Loan loan, LoanContractSigned signed,
        LendingPolicy policy, Instant now, CancellationToken ct)
    {
        var details = await session.LoadAsync<ApplicationDetails>(loan.Id, ct)
                      ?? throw new InvalidOperationException($"Loan {loan.Id} has no application read model.");
        var cooperative = await session.LoadAsync<CooperativeDetails>(details.CooperativeId, ct)
                          ?? throw new InvalidOperationException($"Cooperative {details.CooperativeId} not found.");
        var fund = await session.LoadAsync<Fund>(session.TenantId, ct);
        var user = await session.LoadAsync<UserAccount>(signed.By.UserId, ct);
        var data = Compose(details, cooperative, fund, session.TenantId, user?.DisplayName ?? signed.By.UserName, signed, policy, now);
        var pdf = LoanContract.Render(data);
        var name = $"hop-dong-tin-dung-{FileSafe(signed.Contract.ContractNumber)}.pdf";
        var upload = FileUpload.FromBytes(name, pdf, new FileLimits(Math.Max(FileLimits.DefaultMaxBytes, pdf.LongLength)));
        if (upload.Upload is null) throw new InvalidOperationException($"The rendered contract was refused by the file store: {upload.Refusal}");
        var stored = FileStore.Save(session, upload.Upload, $"loan:{loan.Id}", signed.By, now);
        return new LoanContractDocumentIssued(loan.Id, stored.Id, stored.FileName, stored.Sha256, now);
    }

    private static string FileSafe(string number) =>
        new(VietnameseTextAscii(number).Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());

    private static string VietnameseTextAscii(string s) => Reference.VietnameseText.Fold(s);

    private LoanContractData Compose(ApplicationDetails details, CooperativeDetails cooperative, Fund? fund, string fundId, string signer,
        LoanContractSigned signed, LendingPolicy policy, Instant now)
    {
        var province = fund?.ProvinceName ?? cooperative.Province;
        var fundName = fund?.Name ?? "Quỹ hỗ trợ phát triển hợp tác xã";
        var letterhead = FundLetterheads.Resolve(configuration, fund, fundId, province);
        var member = details.MemberId is { } memberId ? cooperative.Members.FirstOrDefault(m => m.MemberId == memberId) : null;
        var borrower = member is null
            ? new DecisionBorrower(cooperative.Name, cooperative.Type.DisplayName(), cooperative.TaxCode, cooperative.Address, cooperative.LegalRepresentative)
            : new DecisionBorrower(member.FullName, $"Thành viên {cooperative.Type.DisplayName().ToLowerInvariant()} {cooperative.Name}", null,
                cooperative.Address, member.FullName);
        var c = signed.Contract;
        var request = details.Request;
        return new LoanContractData
        {
            Fund = letterhead,
            ContractNumber = c.ContractNumber,
            Place = province,
            SignedOn = c.SignedOn,
            LenderName = fundName,
            LenderRepresentative = signer,
            Borrower = borrower,
            DecisionNumber = details.Decision?.DecisionNumber ?? "",
            DecisionDate = details.Decision?.Date ?? c.SignedOn,
            Amount = Money.Of(c.Terms.Amount),
            AnnualRatePercent = c.Terms.AnnualRatePercent,
            OverdueAnnualRatePercent = policy.OverdueRatePercentPerYear(c.Terms.AnnualRatePercent),
            TermMonths = c.Terms.TermMonths,
            GraceMonths = c.Terms.GraceMonths,
            Method = c.Terms.Method,
            Frequency = c.Terms.Frequency,
            StartDate = c.Terms.StartDate,
            Purpose = request.Purpose,
            CollateralSummary = request.UnsecuredRequested || request.Collateral.Count == 0
                ? "Cho vay không có tài sản bảo đảm theo quy định nội bộ của Quỹ."
                : string.Join("; ", request.Collateral.Select(x => $"{x.Description} (giá trị {Money.Of(x.AppraisedValue).ToDisplayString()})")),
            PolicyVersion = c.PolicyVersion,
            CalendarVersion = c.CalendarVersion,
            Schedule = c.Schedule.Select(r => new DecisionScheduleRow(r.Number, r.DueDate, Money.Of(r.Principal), Money.Of(r.Interest),
                Money.Of(r.Total), Money.Of(r.BalanceAfter))).ToArray(),
            CreatedAt = now,
            FontFolder = configuration[Applications.Deciding.DecisionLetterService.FontFolderKey] ?? Documents.PdfDocumentOptions.DefaultFontFolder,
        };
    }
}
