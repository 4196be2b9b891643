using HtxFund.Loans;
using HtxFund.Loans.CheckingCredit;
using HtxFund.Loans.Disbursing;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Repaying;
using HtxFund.Loans.WritingOff;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Web.Pages.Finance;

/// <summary>
/// One loan for the finance department, valued as of today from its events (GET /api/loans/{id}): the credit check
/// before the first disbursement, preparing a tranche (Accountant), confirming it (ChiefAccountant, never the preparer),
/// recording a repayment (Accountant), with the schedule, tranches and repayments. Each form posts its command to the
/// API's endpoint through the app's pipeline (<see cref="PortalPage.Post"/>): the same rules, refusals and idempotency.
/// </summary>
[Authorize(Roles = Navigation.FinanceRoles)]
public sealed class LoanModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public LoanDetails? Loan { get; private set; }

    [BindProperty] public long? Version { get; set; }
    [BindProperty] public CreditCheckForm CreditCheck { get; set; } = new();
    [BindProperty] public TrancheForm Tranche { get; set; } = new();
    [BindProperty] public RepaymentForm Repayment { get; set; } = new();
    [BindProperty] public RecoveryForm Recovery { get; set; } = new();

    /// <summary>Money recovered on a loan off the balance sheet (its provisions used): the API's RecordRecovery.</summary>
    public sealed class RecoveryForm
    {
        [Money] public long? Amount { get; set; }
        public LocalDate? ValueDate { get; set; }
        public RecoverySource? Source { get; set; }
        public string? BankReference { get; set; }
    }

    public sealed class CreditCheckForm
    {
        public string? Result { get; set; }
        public string? Source { get; set; }
        public LocalDate? CheckedOn { get; set; }
    }

    public sealed class TrancheForm
    {
        [Money] public long? Amount { get; set; }
        public LocalDate? ValueDate { get; set; }
        public string? BeneficiaryAccount { get; set; }
        public string? BankName { get; set; }
        public string? Reference { get; set; }
    }

    public sealed class RepaymentForm
    {
        [Money] public long? Amount { get; set; }
        public LocalDate? ValueDate { get; set; }
        public RepaymentChannel? Channel { get; set; }
        public string? BankReference { get; set; }
        public bool OverpaymentToRefund { get; set; }
    }

    public bool MayCheckCredit => MayCall(typeof(RecordCreditCheckEndpoint));
    public bool MayPrepare => MayCall(typeof(PrepareTrancheEndpoint));
    public bool MayConfirm => MayCall(typeof(ConfirmTrancheEndpoint));
    public bool MayRepay => MayCall(typeof(RecordRepaymentEndpoint));
    public bool MayRecover => MayCall(typeof(RecordRecoveryEndpoint));
    public bool MayDecideOverpayment => MayCall(typeof(ConfirmOverpaymentEndpoint)) && MayCall(typeof(RejectOverpaymentEndpoint));

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return ProblemPage();
        Defaults();
        return Page();
    }

    public async Task<IActionResult> OnPostCreditCheckAsync()
    {
        if (!MayCheckCredit) return Forbidden();
        var c = CreditCheck;
        if (ModelState.IsValid && await Post($"/api/loans/{Id}/credit-checks", new RecordCreditCheck(Version, c.Result, c.Source, c.CheckedOn, null),
                nameof(CreditCheck)) is not null)
            return Saved(Text("Đã ghi nhận kết quả kiểm tra thông tin tín dụng."));
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostPrepareAsync()
    {
        if (!MayPrepare) return Forbidden();
        var t = Tranche;
        var command = new PrepareTranche(Version, t.Amount, t.ValueDate, t.BeneficiaryAccount, t.BankName, t.Reference);
        if (ModelState.IsValid && await Post($"/api/loans/{Id}/tranches", command, nameof(Tranche)) is not null)
            return Saved(Text("Đã lập đề nghị giải ngân; chờ kế toán trưởng duyệt."));
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid trancheId)
    {
        if (!MayConfirm) return Forbidden();
        if (await Post($"/api/loans/{Id}/tranches/{trancheId}/confirmation", new ConfirmTranche(null), "") is not null)
            return Saved(Text("Đã duyệt giải ngân."));
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostRepayAsync()
    {
        if (!MayRepay) return Forbidden();
        var r = Repayment;
        if (ModelState.IsValid && await Post($"/api/loans/{Id}/repayments",
                new RecordRepayment(null, r.Amount, r.ValueDate, r.Channel, r.BankReference, r.OverpaymentToRefund), nameof(Repayment)) is { } result)
        {
            if (result.Status == StatusCodes.Status202Accepted && result.Value<PendingOverpaymentReceipt>(JsonOptions) is { } pending)
                return Saved(string.Format(Text("Đã ghi nhận khoản thu {0}, nộp thừa {1} so với số tiền tất toán: chờ một người khác xác nhận trước khi ghi sổ."),
                    Display.Money(pending.Amount), Display.Money(pending.Excess)));
            var receipt = result.Value<RepaymentReceipt>(JsonOptions)!;
            return Saved(receipt.LoanClosed
                ? string.Format(Text("Đã ghi nhận thu nợ {0}; khoản vay đã tất toán."), Display.Money(receipt.Amount))
                : string.Format(Text("Đã ghi nhận thu nợ {0}: gốc {1}, lãi {2}."), Display.Money(receipt.Amount),
                    Display.Money(receipt.Allocation.Principal.Dong), Display.Money(receipt.Allocation.Interest.Dong)));
        }
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostRecoverAsync()
    {
        if (!MayRecover) return Forbidden();
        var r = Recovery;
        if (ModelState.IsValid && await Post($"/api/loans/{Id}/recoveries", new RecordRecovery(r.Amount, r.ValueDate, r.Source, r.BankReference),
                nameof(Recovery)) is { } result)
        {
            var receipt = result.Value<RecoveryReceipt>(JsonOptions)!;
            return Saved(string.Format(Text("Đã ghi nhận thu hồi nợ đã xử lý rủi ro {0}; đã thu hồi tổng cộng {1}."),
                Display.Money(receipt.Amount), Display.Money(receipt.RecoveredTotal)));
        }
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostConfirmOverpaymentAsync(Guid repaymentId)
    {
        if (!MayDecideOverpayment) return Forbidden();
        if (await Post($"/api/loans/{Id}/repayments/{repaymentId}/confirmation", new ConfirmOverpayment(null), "") is { } result)
        {
            var receipt = result.Value<RepaymentReceipt>(JsonOptions)!;
            return Saved(string.Format(Text("Đã xác nhận và ghi sổ khoản thu {0}; tiền thừa {1} phải hoàn trả người vay."),
                Display.Money(receipt.Amount), Display.Money(receipt.Allocation.RefundableExcess.Dong)));
        }
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostRejectOverpaymentAsync(Guid repaymentId, string? reason)
    {
        if (!MayDecideOverpayment) return Forbidden();
        if (await Post($"/api/loans/{Id}/repayments/{repaymentId}/rejection", new RejectOverpayment(null, reason), "") is not null)
            return Saved(Text("Đã từ chối khoản thu: không ghi sổ, số chứng từ có thể được ghi nhận lại với số tiền đúng."));
        return await RedisplayAsync();
    }

    private IActionResult Saved(string message)
    {
        Done = message;
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult> RedisplayAsync()
    {
        if (!await LoadAsync()) return ProblemPage();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Loan = await GetLoanEndpoint.ReadAsync(Query, Id, Time.Today, User, Service<ILogger<LoanDetails>>(), Ct);
        return Loan is not null;
    }

    private void Defaults()
    {
        CreditCheck.CheckedOn ??= Time.Today;
        Tranche.ValueDate ??= Time.Today;
        Tranche.Amount ??= Loan!.UndisbursedAmount > 0 ? Loan.UndisbursedAmount : null;
        Tranche.Reference ??= Loan!.ContractNumber is { } number ? $"Giải ngân hợp đồng {number}" : null;
        Repayment.ValueDate ??= Time.Today;
        Recovery.ValueDate ??= Time.Today;
        Repayment.Amount ??= Loan!.Position?.AmountDue is > 0 ? Loan.Position.AmountDue : null;
    }
}
