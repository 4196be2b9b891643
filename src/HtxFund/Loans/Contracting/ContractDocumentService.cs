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

/// <summary>Renders the signed contract with its schedule annex and stores it in the session of the handler that issues
/// it after the signing committed (<see cref="IssueLoanContractDocumentHandler"/>): the file and the document naming it
/// (<see cref="LoanContractDocument"/>) commit together. The lender is represented by the fund's Director (<c>HtxFund:Letterheads:{fundId}:Director</c>), never by whoever records
/// the contract; without that setting the name is the recording user's when he is a Director, else left to be written by
/// hand (a warning is logged). Every rate of the loan is stated: in-term, overdue principal (absolute and as a share of
/// the in-term rate) and late interest, from the contract's terms and the policy version it records.</summary>
public sealed class ContractDocumentService(IConfiguration configuration, ILogger<ContractDocumentService> logger)
{
    public async Task<Files.StoredFileRef> IssueAsync(IDocumentSession session, Loan loan, Actor signedBy, LendingPolicy policy,
        Instant now, CancellationToken ct)
    {
        var contract = loan.Contract ?? throw new InvalidOperationException($"Loan {loan.Id} has no contract to issue.");
        var details = await session.LoadAsync<ApplicationDetails>(loan.Id, ct)
                      ?? throw new InvalidOperationException($"Loan {loan.Id} has no application read model.");
        var cooperative = await session.LoadAsync<CooperativeDetails>(details.CooperativeId, ct)
                          ?? throw new InvalidOperationException($"Cooperative {details.CooperativeId} not found.");
        var fund = await session.LoadAsync<Fund>(session.TenantId, ct);
        var holders = FundLetterheads.OfficeHolders(configuration, session.TenantId);
        var recorder = (await session.LoadAsync<UserAccount>(signedBy.UserId, ct))?.DisplayName ?? signedBy.UserName;
        var representative = LenderRepresentative(holders, signedBy, recorder);
        if (holders.Director is null)
            logger.LogWarning("No Director configured for fund {Fund} (HtxFund:Letterheads:{Fund}:Director): the contract's lender representative is {Representative}",
                session.TenantId, session.TenantId, representative.Length > 0 ? "the Director who recorded it" : "left blank");
        var data = Compose(details, cooperative, fund, session.TenantId, representative, contract, policy, now);
        var pdf = LoanContract.Render(data);
        var name = $"hop-dong-tin-dung-{FileSafe(contract.ContractNumber)}.pdf";
        var upload = FileUpload.FromBytes(name, pdf, new FileLimits(Math.Max(FileLimits.DefaultMaxBytes, pdf.LongLength)));
        if (upload.Upload is null) throw new InvalidOperationException($"The rendered contract was refused by the file store: {upload.Refusal}");
        return FileStore.Save(session, upload.Upload, $"loan:{loan.Id}", signedBy, now);
    }

    /// <summary>Who represents the fund as lender: the configured Director; without one, the user who records the contract
    /// if he is a Director (<paramref name="recorderName"/>), else nobody (an empty name, written by hand). A credit
    /// officer who records the contract is never named.</summary>
    public static string LenderRepresentative(FundOfficeHolders holders, Actor recordedBy, string recorderName) =>
        holders.Director ?? (recordedBy.Roles.Contains(Roles.Director) ? recorderName : "");

    private static string FileSafe(string number) =>
        new(VietnameseTextAscii(number).Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());

    private static string VietnameseTextAscii(string s) => Reference.VietnameseText.Fold(s);

    private LoanContractData Compose(ApplicationDetails details, CooperativeDetails cooperative, Fund? fund, string fundId, string representative,
        ContractTerms c, LendingPolicy policy, Instant now)
    {
        var province = ApplicationLetters.Place(fund, cooperative);
        var fundName = Fund.NameOf(fund);
        var letterhead = FundLetterheads.Resolve(configuration, fund, fundId, province);
        var request = details.Request;
        return new LoanContractData
        {
            Fund = letterhead,
            ContractNumber = c.ContractNumber,
            Place = province,
            SignedOn = c.SignedOn,
            LenderName = fundName,
            LenderRepresentative = representative,
            LenderRepresentativePosition = "Giám đốc",
            Borrower = ApplicationLetters.Borrower(details, cooperative),
            DecisionNumber = details.Decision?.DecisionNumber ?? "",
            DecisionDate = details.Decision?.Date ?? c.SignedOn,
            Amount = Money.Of(c.Terms.Amount),
            AnnualRatePercent = c.Terms.AnnualRatePercent,
            OverdueAnnualRatePercent = policy.OverdueRatePercentPerYear(c.Terms.AnnualRatePercent),
            OverduePercentOfInTermRate = policy.OverdueRatePercentOfInTermRate,
            LateInterestAnnualRatePercent = policy.LateInterestRatePercentPerYear,
            TermMonths = c.Terms.TermMonths,
            GraceMonths = c.Terms.GraceMonths,
            Method = c.Terms.Method,
            Frequency = c.Terms.Frequency,
            StartDate = c.Terms.StartDate,
            Purpose = request.Purpose,
            CollateralSummary = ApplicationLetters.CollateralSummary(details.Request),
            PolicyVersion = c.PolicyVersion,
            CalendarVersion = c.CalendarVersion,
            Schedule = ApplicationLetters.Schedule(c.Schedule),
            CreatedAt = now,
            FontFolder = Documents.PdfDocumentOptions.FontFolderOf(configuration),
        };
    }
}
