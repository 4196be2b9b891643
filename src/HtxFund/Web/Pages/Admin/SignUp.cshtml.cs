using HtxFund.SignUps.Reviewing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Admin;

/// <summary>One sign-up (<c>/quan-tri/dang-ky/{id}</c>): the details, the certificate, and the approval and refusal
/// forms, which post <c>/api/sign-ups/{id}/approve</c> and <c>/refuse</c> through the app's pipeline.</summary>
[Authorize(Roles = SignUpReview.Roles)]
public sealed class SignUpModel : PortalPage
{
    public sealed class RefusalInput
    {
        public string? Reason { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public long? Version { get; set; }
    [BindProperty] public RefusalInput Input { get; set; } = new();
    public HtxFund.SignUps.SignUp? Item { get; private set; }
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostApproveAsync()
    {
        var result = await Post($"/api/sign-ups/{Id}/approve", new ApproveSignUp(Version), prefix: "");
        if (result is null) return await ShowAsync();
        Done = "Đã duyệt đăng ký và kích hoạt tài khoản của tổ chức.";
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostRefuseAsync()
    {
        var result = await Post($"/api/sign-ups/{Id}/refuse", new RefuseSignUp(Input.Reason, Version));
        if (result is null) return await ShowAsync();
        Done = "Đã từ chối đăng ký và gửi thư báo lý do.";
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult> ShowAsync()
    {
        Item = await Query.LoadAsync<HtxFund.SignUps.SignUp>(Id, HttpContext.RequestAborted);
        return Item is null ? NotFoundPage() : Page();
    }
}
