using HtxFund.Identity;
using HtxFund.Loans.GettingDetails;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Cooperative;

/// <summary>One loan of the cooperative valued as of today: amounts due, next payment, the schedule with paid, due and
/// overdue instalments, repayments, and the decision and contract PDFs (the API's loan view for a borrower).</summary>
[Authorize(Roles = Roles.Cooperative)]
public sealed class LoanModel : PortalPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public LoanDetails? Loan { get; private set; }
    /// <summary>How to pay by bank transfer (payment reference, the fund's account, VietQR), for a contracted loan.</summary>
    public HtxFund.Collections.LoanPaymentInstructions? Payment { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Loan = await GetLoanEndpoint.ReadAsync(Query, Id, Time.Today, User,
            HttpContext.RequestServices.GetRequiredService<ILogger<LoanDetails>>(), ct);
        if (Loan is null) return NotFoundPage();
        if (Loan.Stage == HtxFund.Loans.LoanStage.Contracted && Loan.Position is { } position)
        {
            var amount = HtxFund.Collections.LoanPaymentQrEndpoint.DefaultAmount(position, Time.Today);
            Payment = HtxFund.Collections.LoanPaymentQrEndpoint.Instructions(Loan.Id, amount > 0 ? amount : null, Time.Today,
                HttpContext.RequestServices.GetRequiredService<HtxFund.Collections.PaymentSettings>().For(User.FundId()));
        }
        return Page();
    }

    public static string StatusName(HtxFund.Loans.Servicing.InstalmentStatus status) => status switch
    {
        HtxFund.Loans.Servicing.InstalmentStatus.Paid => "Đã trả",
        HtxFund.Loans.Servicing.InstalmentStatus.PartlyPaid => "Trả một phần",
        HtxFund.Loans.Servicing.InstalmentStatus.Due => "Đến hạn",
        HtxFund.Loans.Servicing.InstalmentStatus.Overdue => "Quá hạn",
        _ => "Chưa đến hạn",
    };
}
