using HtxFund.Cooperatives.AddingMembers;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime.Text;

namespace HtxFund.Web.Pages.Cooperative;

/// <summary>The cooperative's profile and members; it adds its own members by sending the API's AddCooperativeMember
/// through the app's pipeline (the same endpoint, refusals and idempotency as an API client).</summary>
[Authorize(Roles = Roles.Cooperative)]
public sealed class ProfileModel : PortalPage
{
    public sealed class MemberForm
    {
        public string? FullName { get; set; }
        public string? NationalId { get; set; }
        public string? Membership { get; set; } = "Official";
        public bool IsEnterprise { get; set; }
        public string? OrganisationTaxCode { get; set; }
        public string? JoinedOn { get; set; }
    }

    [BindProperty] public MemberForm Input { get; set; } = new();
    public CooperativeDetails? Cooperative { get; private set; }
    [TempData] public string? Added { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.CooperativeId() is not { } id) return NotFoundPage();
        var joined = LocalDatePattern.Iso.Parse(Input.JoinedOn ?? "");
        if (!string.IsNullOrWhiteSpace(Input.JoinedOn) && !joined.Success)
            ModelState.AddModelError("Input.JoinedOn", "Ngày gia nhập không hợp lệ.");
        if (ModelState.IsValid)
        {
            var command = new AddCooperativeMember(Input.FullName, Input.NationalId, Input.Membership, Input.IsEnterprise,
                Input.OrganisationTaxCode, joined.Success ? joined.Value : null);
            if (await Post($"/api/cooperatives/{id}/members", command) is not null)
            {
                Added = Input.FullName;
                return Redirect("/htx/thong-tin");
            }
        }
        var problem = Problem;
        if (!await LoadAsync(ct)) return NotFoundPage();
        Problem = problem;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (User.CooperativeId() is not { } id) return false;
        Cooperative = await Read<CooperativeDetails>(q => GetCooperativeEndpoint.Get(id, User, q, ct));
        return Cooperative is not null;
    }
}
