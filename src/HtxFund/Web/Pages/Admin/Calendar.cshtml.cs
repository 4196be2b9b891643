using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using HtxFund.Policy.AnnouncingHolidays;
using HtxFund.Policy.GettingTheCalendar;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Admin;

/// <summary>The fund's working-day calendar (Admin): a year's days off and make-up working days with their basis, the
/// announcements in force, a form to record the Government's announcement (the API's AnnouncePublicHolidays, sent
/// through the app's pipeline: same rules, same version check), withdrawal of an announcement, and every version with who, when and why.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CalendarModel : PortalPage
{
    public const string Path = "/quan-tri/chinh-sach/lich-ngay-lam-viec";

    public sealed class AnnouncementForm
    {
        public int? Year { get; set; }
        public List<string> Holidays { get; set; } = [];
        public string? Name { get; set; }
        public string? DaysOff { get; set; }
        public string? WorkingDays { get; set; }
        public string? Source { get; set; }
        public int ExpectedCalendarVersion { get; set; }
    }

    public sealed class WithdrawalForm
    {
        public Guid Id { get; set; }
        public string? Reason { get; set; }
        public int ExpectedCalendarVersion { get; set; }
        public int Year { get; set; }
    }

    [BindProperty] public AnnouncementForm Input { get; set; } = new();
    [BindProperty] public WithdrawalForm Withdrawal { get; set; } = new();
    public int ShownYear { get; private set; }
    public CalendarYearView Year { get; private set; } = null!;
    public CalendarHistory History { get; private set; } = null!;
    [TempData] public string? Done { get; set; }

    /// <summary>The years offered as links: last year to three years ahead.</summary>
    public IEnumerable<int> Years => Enumerable.Range(Time.Today.Year - 1, 5);

    public async Task<IActionResult> OnGetAsync(int? nam, CancellationToken ct)
    {
        if (nam is { } y && y is < VietnamPublicHolidays.FirstYear or > VietnamPublicHolidays.LastYear) return NotFoundPage();
        await LoadAsync(nam ?? Time.Today.Year, ct);
        Input = new AnnouncementForm { Year = ShownYear, ExpectedCalendarVersion = Year.CalendarVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostAnnounceAsync(CancellationToken ct)
    {
        var year = Input.Year is { } y && y is >= VietnamPublicHolidays.FirstYear and <= VietnamPublicHolidays.LastYear ? y : Time.Today.Year;
        if (!DateListText.TryParse(Input.DaysOff, out var daysOff, out var daysOffError))
            ModelState.AddModelError("Input.DaysOff", daysOffError!);
        if (!DateListText.TryParse(Input.WorkingDays, out var workingDays, out var workingDaysError))
            ModelState.AddModelError("Input.WorkingDays", workingDaysError!);
        if (ModelState.IsValid)
        {
            var command = new AnnouncePublicHolidays(Input.Year, Input.Holidays, Input.Name, daysOff, workingDays, Input.Source,
                Input.ExpectedCalendarVersion);
            if (await Post("/api/policy/calendar/announcements", command) is not null)
            {
                Done = $"Đã ghi nhận thông báo: lịch ngày làm việc phiên bản {Input.ExpectedCalendarVersion + 1}.";
                return Redirect($"{Path}?nam={Input.Year}");
            }
        }
        await LoadAsync(year, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        var command = new WithdrawHolidayAnnouncement(Withdrawal.Reason, Withdrawal.ExpectedCalendarVersion);
        if (await Post($"/api/policy/calendar/announcements/{Withdrawal.Id}/withdrawal", command, "Withdrawal") is not null)
        {
            Done = $"Đã rút thông báo: lịch ngày làm việc phiên bản {Withdrawal.ExpectedCalendarVersion + 1}.";
            return Redirect($"{Path}?nam={Withdrawal.Year}");
        }
        await LoadAsync(Withdrawal.Year is >= VietnamPublicHolidays.FirstYear and <= VietnamPublicHolidays.LastYear ? Withdrawal.Year : Time.Today.Year, ct);
        Input = new AnnouncementForm { Year = ShownYear, ExpectedCalendarVersion = Year.CalendarVersion };
        return Page();
    }

    private async Task LoadAsync(int year, CancellationToken ct)
    {
        ShownYear = year;
        var problem = Problem;
        Year = (await Read<CalendarYearView>(q => GetWorkingDayCalendarEndpoint.Get(year, q, ct)))!;
        History = await GetWorkingDayCalendarEndpoint.GetHistory(Query, ct);
        Problem = problem;
    }

    /// <summary>The refusal of the withdrawal form of announcement <paramref name="id"/>, if it is the one just sent.</summary>
    public string? WithdrawalError(Guid id) =>
        Withdrawal.Id == id && ModelState.TryGetValue("Withdrawal.Reason", out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;
}
