using HtxFund.Collections;
using HtxFund.Collections.Worklist;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Web.Pages.Collections;

/// <summary>The collections worklist (the API's <c>GET /api/collections/worklist</c>) as phone-first cards, each with its
/// one-click actions: log a contact, record a promise to pay, escalate to the Director (the same commands through the same
/// pipeline), the cooperative's contact details, and the next payment with its VietQR code.</summary>
[Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Director},{Roles.BoardMember},{Roles.RiskCouncil}")]
public sealed class WorklistModel : StaffPage
{
    [BindProperty(SupportsGet = true, Name = "can-bo")] public string? Officer { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }
    [BindProperty] public ContactForm Contact { get; set; } = new();
    [BindProperty] public PromiseForm Promise { get; set; } = new();
    [BindProperty] public EscalationForm Escalation { get; set; } = new();

    public CollectionsWorklist? List { get; private set; }
    public bool QrConfigured { get; private set; }
    /// <summary>The loan whose form was refused (its card shows the refusal).</summary>
    public Guid? RefusedLoan { get; private set; }

    public bool MayLogContact => MayCall(typeof(LogCollectionContactEndpoint));
    public bool MayPromise => MayCall(typeof(MakePromiseToPayEndpoint));
    public bool MayEscalate => MayCall(typeof(EscalateCollectionEndpoint));

    public sealed class ContactForm
    {
        public Guid LoanId { get; set; }
        public ContactChannel? Channel { get; set; }
        public ContactOutcome? Outcome { get; set; }
        public string? Note { get; set; }
        public LocalDate? ContactedOn { get; set; }
    }

    public sealed class PromiseForm
    {
        public Guid LoanId { get; set; }
        [Money] public long? Amount { get; set; }
        public LocalDate? PayBy { get; set; }
        public string? Note { get; set; }
    }

    public sealed class EscalationForm
    {
        public Guid LoanId { get; set; }
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : ProblemPage();

    public async Task<IActionResult> OnPostContactAsync()
    {
        if (!MayLogContact) return Forbidden();
        var command = new LogCollectionContact(Contact.Channel, Contact.Outcome, Contact.Note, Contact.ContactedOn);
        if (ModelState.IsValid && await Post($"/api/loans/{Contact.LoanId}/collections/contacts", command, nameof(Contact)) is not null)
            return Saved(Text("Đã ghi nhận lần liên hệ."));
        return await Refused(Contact.LoanId);
    }

    public async Task<IActionResult> OnPostPromiseAsync()
    {
        if (!MayPromise) return Forbidden();
        var command = new MakePromiseToPay(Promise.Amount, Promise.PayBy, Promise.Note);
        if (ModelState.IsValid && await Post($"/api/loans/{Promise.LoanId}/collections/promises", command, nameof(Promise)) is not null)
            return Saved(Text("Đã ghi nhận cam kết trả nợ."));
        return await Refused(Promise.LoanId);
    }

    public async Task<IActionResult> OnPostEscalateAsync()
    {
        if (!MayEscalate) return Forbidden();
        if (ModelState.IsValid && await Post($"/api/loans/{Escalation.LoanId}/collections/escalations", new EscalateCollection(Escalation.Reason),
                nameof(Escalation)) is not null)
            return Saved(Text("Đã báo cáo Giám đốc."));
        return await Refused(Escalation.LoanId);
    }

    private async Task<IActionResult> Refused(Guid loanId)
    {
        RefusedLoan = loanId;
        return await LoadAsync() ? Page() : ProblemPage();
    }

    private IActionResult Saved(string message)
    {
        Done = message;
        return RedirectToPage(new Dictionary<string, object?> { ["can-bo"] = Officer, ["trang"] = PageNumber });
    }

    private async Task<bool> LoadAsync()
    {
        var errors = new List<FieldError>();
        var scope = GetCollectionsWorklistEndpoint.Scope(Officer, User, errors);
        if (scope is null || scope.Forbidden)
        {
            Problem = scope is null ? Problems.Validation(errors) : Problems.Forbidden("worklist.other_officer", "Cán bộ tín dụng chỉ xem danh sách thu nợ của mình.");
            return false;
        }
        var list = await GetCollectionsWorklistEndpoint.BuildAsync(Query, Time.Today, scope.OfficerId, Ct);
        List = GetCollectionsWorklistEndpoint.Page(list, Math.Clamp(PageNumber ?? 1, 1, Paging.MaxPage), 20);
        QrConfigured = Service<PaymentSettings>().For(User.FundId()) is not null;
        return true;
    }

    public string PageHref(int page) => "/thu-no" + QueryString.Create(new Dictionary<string, string?>
    {
        ["can-bo"] = Officer, ["trang"] = page.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
