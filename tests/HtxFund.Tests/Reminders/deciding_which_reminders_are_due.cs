using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using HtxFund.Reminders;
using HtxFund.Reminders.Daily;
using NodaTime;

namespace HtxFund.Tests.Reminders;

/// <summary>The pure rules of the daily run, without a database.</summary>
public sealed class deciding_which_reminders_are_due
{
    private static readonly LocalDate Due = new(2026, 12, 22);

    private static LoanPosition With(LocalDate asOf, params InstalmentView[] schedule) => new(
        asOf, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, "", 0, null, null, Due.PlusMonths(36), 0, 0, 0, 0, schedule, []);

    private static InstalmentView Instalment(InstalmentStatus status, long unpaid = 10_000_000, long interest = 2_000_000) =>
        new(1, Due, 10_000_000, interest, unpaid, status == InstalmentStatus.Paid ? 0 : interest, status);

    private static (ReminderKind, int)[] Due_(LocalDate today, InstalmentStatus status, ReminderSettings? settings = null) =>
        ReminderRules.InstalmentReminders(With(today, Instalment(status)), today, settings ?? ReminderSettings.Default)
            .Select(r => (r.Kind, r.Offset)).ToArray();

    [Fact]
    public void an_upcoming_instalment_is_due_for_a_reminder_seven_and_one_days_before_and_within_the_catch_up_window()
    {
        Due_(Due.PlusDays(-8), InstalmentStatus.Upcoming).ShouldBeEmpty();
        Due_(Due.PlusDays(-7), InstalmentStatus.Upcoming).ShouldBe([(ReminderKind.UpcomingInstalment, 7)]);
        Due_(Due.PlusDays(-5), InstalmentStatus.Upcoming).ShouldBe([(ReminderKind.UpcomingInstalment, 7)]); // missed days caught up
        Due_(Due.PlusDays(-4), InstalmentStatus.Upcoming).ShouldBeEmpty();
        Due_(Due.PlusDays(-1), InstalmentStatus.Upcoming).ShouldBe([(ReminderKind.UpcomingInstalment, 1)]);
    }

    [Fact]
    public void an_unpaid_instalment_is_due_for_a_notice_one_ten_and_thirty_days_after_only_the_latest_offset_at_once()
    {
        Due_(Due, InstalmentStatus.Due).ShouldBeEmpty();
        Due_(Due.PlusDays(1), InstalmentStatus.Overdue).ShouldBe([(ReminderKind.OverdueInstalment, 1)]);
        Due_(Due.PlusDays(4), InstalmentStatus.Overdue).ShouldBeEmpty();
        Due_(Due.PlusDays(10), InstalmentStatus.PartlyPaid).ShouldBe([(ReminderKind.OverdueInstalment, 10)]);
        var wideCatchUp = ReminderSettings.Default with { CatchUpDays = 30 };
        Due_(Due.PlusDays(30), InstalmentStatus.Overdue, wideCatchUp).ShouldBe([(ReminderKind.OverdueInstalment, 30)]);
    }

    [Fact]
    public void a_paid_instalment_is_due_for_nothing()
    {
        Due_(Due.PlusDays(1), InstalmentStatus.Paid).ShouldBeEmpty();
        Due_(Due.PlusDays(10), InstalmentStatus.Paid).ShouldBeEmpty();
    }

    [Fact]
    public void reminder_ids_are_rfc_9562_uuid_v5_of_the_fund_and_key()
    {
        // RFC 9562 / Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        ReminderKeys.UuidV5(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org")
            .ShouldBe(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
        var key = ReminderKeys.Instalment(Guid.Parse("01a20467-8e6c-78d4-a8ff-90589766d8a3"), 3, ReminderKind.OverdueInstalment, 10);
        ReminderKeys.StreamId("daklak", key).ShouldBe(ReminderKeys.StreamId("daklak", key));
        ReminderKeys.StreamId("daklak", key).ShouldNotBe(ReminderKeys.StreamId("lamdong", key));
    }

    [Fact]
    public void a_cooperatives_addresses_are_its_contact_email_and_its_users_emails_each_once()
    {
        var coop = Guid.NewGuid();
        HtxFund.Identity.UserAccount User(string name, string? email, Guid? cooperative) => new()
        {
            Id = Guid.NewGuid(), UserName = name, DisplayName = name, Email = email, FundId = "daklak",
            Roles = [cooperative is null ? HtxFund.Identity.Roles.Accountant : HtxFund.Identity.Roles.Cooperative], CooperativeId = cooperative,
            PasswordHash = "",
        };
        ReminderRules.CooperativeAddresses("htx@example.vn",
                [User("a", "HTX@example.vn", coop), User("b", "ketoan@example.vn", coop), User("c", "x@example.vn", Guid.NewGuid()), User("d", "staff@quy.vn", null)],
                coop)
            .ShouldBe(["htx@example.vn", "ketoan@example.vn"]);
    }
}
