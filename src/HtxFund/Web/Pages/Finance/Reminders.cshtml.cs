using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reminders;
using HtxFund.Reminders.Listing;
using HtxFund.Reminders.Sending;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>The fund's reminders for staff (the API's reminder list): what was sent, to whom, when, its status and each
/// address's outcome, filtered by status or "an address refused"; and the undeliverable addresses. Admins also see the
/// button that runs today's reminders (<see cref="ReminderRunModel"/>).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class RemindersModel : PortalPage
{
    [BindProperty(SupportsGet = true, Name = "trang-thai")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "loai")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "khong-gui-duoc")] public bool Undeliverable { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }
    public PagedResult<Reminder>? Reminders { get; private set; }
    public IReadOnlyList<UndeliverableAddress> Addresses { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Reminders = await Read<PagedResult<Reminder>>(q => ListRemindersEndpoint.Get(Kind, Status, Undeliverable ? true : null, null, null, null, null, null,
            PageNumber ?? 1, 50, User, q, ct));
        if (Reminders is null) return ProblemPage();
        Addresses = await Read<UndeliverableAddress[]>(q => ListUndeliverableAddressesEndpoint.Get(q, ct)) ?? [];
        return Page();
    }

    public string PageHref(int page) => "/tai-chinh/nhac-no" + QueryString.Create(new Dictionary<string, string?>
    {
        ["trang-thai"] = Status, ["loai"] = Kind, ["khong-gui-duoc"] = Undeliverable ? "true" : null, ["trang"] = page.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
