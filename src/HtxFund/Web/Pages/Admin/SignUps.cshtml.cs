using HtxFund.SignUps;
using HtxFund.SignUps.Reviewing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Admin;

/// <summary>The fund's sign-ups (<c>/quan-tri/dang-ky</c>), those awaiting review first; the roles of
/// <c>GET /api/sign-ups</c> (<see cref="SignUpReview.Roles"/>).</summary>
[Authorize(Roles = SignUpReview.Roles)]
public sealed class SignUpsModel : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public IReadOnlyList<HtxFund.SignUps.SignUp> SignUps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var status = Status is { Length: > 0 } s ? HtxFund.Infrastructure.Http.EnumText.Parse<SignUpStatus>(s) : SignUpStatus.AwaitingReview;
        SignUps = await ListSignUpsEndpoint.ListAsync(Query, Status == "all" ? null : status, HttpContext.RequestAborted);
        return Page();
    }

    public static string StatusText(SignUpStatus status) => status switch
    {
        SignUpStatus.AwaitingEmail => "Chờ xác nhận thư điện tử",
        SignUpStatus.AwaitingReview => "Chờ xét duyệt",
        SignUpStatus.Approved => "Đã duyệt",
        _ => "Đã từ chối",
    };
}
