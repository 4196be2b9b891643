using HtxFund.Identity;
using HtxFund.Inspections;
using HtxFund.Inspections.Reading;
using HtxFund.Infrastructure.Http;
using HtxFund.Policy;
using HtxFund.Tests.Inspections.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Inspections;

/// <summary>Each disbursed tranche schedules, in the confirmation's transaction, the inspection of the use of its money,
/// due the policy's days (calendar days) after the value date; a refused confirmation schedules nothing.</summary>
public sealed class scheduling_inspections_on_disbursement(AppFixture fixture) : InspectionContext(fixture)
{
    [Fact]
    public async Task a_confirmed_tranche_schedules_its_inspection_thirty_calendar_days_after_its_value_date()
    {
        var (loanId, inspectionId) = await DisbursedLoan(400_000_000, number: "31/2026/HĐTD");

        var view = await Inspection(inspectionId);
        var i = view.Inspection;
        i.Id.ShouldBe(inspectionId); // the tranche's id
        i.TrancheId.ShouldBe(inspectionId);
        i.LoanId.ShouldBe(loanId);
        i.ContractNumber.ShouldBe("31/2026/HĐTD");
        i.Amount.ShouldBe(400_000_000);
        i.DisbursedOn.ShouldBe(new LocalDate(2026, 11, 22));
        i.DueOn.ShouldBe(new LocalDate(2026, 12, 22)); // 22/11 + 30 calendar days
        i.State.ShouldBe(InspectionState.Due);
        view.OfficerName.ShouldBe(UserName(FundA, Roles.CreditOfficer)); // the appraiser is the loan's officer
        view.Overdue.ShouldBeFalse();
    }

    [Fact]
    public async Task the_due_date_follows_the_policy_in_force_at_the_confirmation()
    {
        var admin = await TokenFor(Roles.Admin);
        var adopted = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Put.Json(new { settings = FundPolicySettings.Default with { Inspections = new InspectionSettings(10, 2) }, reason = "Kiểm tra sớm hơn", expectedVersion = 1 })
                .ToUrl("/api/policy");
            s.IgnoreStatusCode();
        });
        adopted.Context.Response.StatusCode.ShouldBe(200, await adopted.ReadAsTextAsync());

        var (_, inspectionId) = await DisbursedLoan(300_000_000);

        (await Inspection(inspectionId)).Inspection.DueOn.ShouldBe(new LocalDate(2026, 12, 2)); // 22/11 + 10 days
    }

    [Fact]
    public async Task a_refused_confirmation_schedules_nothing()
    {
        var id = await SignedLoan(400_000_000);
        var tranche = await Prepared(id, 400_000_000);
        var events = await EventCount();

        await ExpectRefusal(await Confirm(id, tranche, await TokenFor(Roles.Accountant)), 403, "forbidden");
        await ExpectRefusal(await Confirm(id, tranche, await TokenFor(Roles.ChiefAccountant, FundB)), 404, "loan.not_found");

        (await EventCount()).ShouldBe(events);
        (await StreamVersion(tranche)).ShouldBe(0);
        var list = await (await Get("/api/inspections", await TokenFor(Roles.Director))).Read<PagedResult<InspectionSummary>>();
        list.TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task two_tranches_schedule_two_inspections_listed_on_the_loan()
    {
        var id = await SignedLoan(400_000_000);
        var first = await Disbursed(id, 100_000_000);
        AdvanceDays(5);
        var second = await Disbursed(id, 300_000_000, "2026-11-27");

        var list = await (await Get($"/api/loans/{id}/inspections", await TokenFor(Roles.BoardMember))).Read<List<InspectionSummary>>();

        list.Select(x => (x.Id, x.Amount, x.DueOn)).ShouldBe(new[]
        {
            (first, 100_000_000L, new LocalDate(2026, 12, 22)),
            (second, 300_000_000L, new LocalDate(2026, 12, 27)),
        });
    }
}
