using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Documents.Letters;
using HtxFund.Funds;
using HtxFund.Lending;

namespace HtxFund.Applications;

/// <summary>What the fund's letters about an application (the decision or refusal notice, the credit contract) say of
/// it, in one place: where they are dated, the borrower they name, the collateral summary and the schedule rows.</summary>
public static class ApplicationLetters
{
    /// <summary>The province a letter is dated at and whose People's Committee heads it by default: the fund's, or, for
    /// the central fund (no province), the borrower's.</summary>
    public static string Place(Fund? fund, CooperativeDetails cooperative) => fund?.ProvinceName ?? cooperative.Province;

    /// <summary>The borrower the letter names: the cooperative itself, or the member the application is for (a member of
    /// the cooperative, represented by himself, at the cooperative's address).</summary>
    public static DecisionBorrower Borrower(ApplicationDetails details, CooperativeDetails cooperative)
    {
        var member = details.MemberId is { } memberId ? cooperative.Members.FirstOrDefault(m => m.MemberId == memberId) : null;
        return member is null
            ? new DecisionBorrower(cooperative.Name, cooperative.Type.DisplayName(), cooperative.TaxCode, cooperative.Address, cooperative.LegalRepresentative)
            : new DecisionBorrower(member.FullName, $"Thành viên {cooperative.Type.DisplayName().ToLowerInvariant()} {cooperative.Name}", null,
                cooperative.Address, member.FullName);
    }

    /// <summary>The collateral as the letter states it: each item with its appraised value, or the unsecured clause.</summary>
    public static string CollateralSummary(LoanRequest request) =>
        request.UnsecuredRequested || request.Collateral.Count == 0
            ? "Cho vay không có tài sản bảo đảm theo quy định nội bộ của Quỹ."
            : string.Join("; ", request.Collateral.Select(c => $"{c.Description} (giá trị {Formatting.Money(c.AppraisedValue)})"));

    /// <summary>The schedule's rows as the letter prints them.</summary>
    public static DecisionScheduleRow[] Schedule(IEnumerable<ScheduleRow> rows) =>
        rows.Select(r => new DecisionScheduleRow(r.Number, r.DueDate, Money.Of(r.Principal), Money.Of(r.Interest),
            Money.Of(r.Total), Money.Of(r.BalanceAfter))).ToArray();
}
