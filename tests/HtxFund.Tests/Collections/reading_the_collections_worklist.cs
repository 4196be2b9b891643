using HtxFund.Collections.Worklist;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using Marten;
using NodaTime;

namespace HtxFund.Tests.Collections;

/// <summary>
/// Three loans paid out on 22/11/2026 (see <see cref="CollectionContext"/>), instalment 1 due 22/12/2026: X 400,000,000 ₫
/// (interest 1,972,603 ₫), Y 200,000,000 ₫ (986,301 ₫), Z 300,000,000 ₫ (1,479,452 ₫, paid on its due date). On
/// 01/01/2027, 10 days late (option (a)), the interest on late interest is
///   X: 1,972,603 × 10 × 10 / 36,500 = 5,404.4 → 5,404 ₫, amount due 1,978,007 ₫;
///   Y:   986,301 × 10 × 10 / 36,500 = 2,702.2 → 2,702 ₫, amount due   989,003 ₫.
/// </summary>
public sealed class reading_the_collections_worklist(AppFixture fixture) : CollectionContext(fixture)
{
    [Fact]
    public async Task a_loan_joins_the_worklist_7_days_before_its_due_date_and_stays_while_overdue_most_late_and_largest_first()
    {
        var x = await DisbursedLoan(400_000_000, "51/2026/HĐTD");
        var y = await DisbursedLoan(200_000_000, "52/2026/HĐTD");
        var z = await DisbursedLoan(300_000_000, "53/2026/HĐTD");

        // 22/11: the first due date is 30 days away
        (await Worklist(await TokenFor(Roles.CreditOfficer))).Items.ShouldBeEmpty();

        // 14/12: 8 days before 22/12, still off; 15/12: 7 days before, on (largest next instalment first)
        AdvanceTo(new LocalDate(2026, 12, 14));
        (await Worklist(await TokenFor(Roles.CreditOfficer))).TotalCount.ShouldBe(0);
        AdvanceTo(new LocalDate(2026, 12, 15));
        var dueSoon = await Worklist(await TokenFor(Roles.CreditOfficer));
        dueSoon.Items.Select(c => c.LoanId).ShouldBe([x, z, y]);
        dueSoon.Items[0].ShouldSatisfyAllConditions(
            c => c.DaysPastDue.ShouldBe(0), c => c.Next!.DueDate.ShouldBe(new LocalDate(2026, 12, 22)), c => c.Next!.Number.ShouldBe(1),
            c => c.Next!.Principal.ShouldBe(0), c => c.Next!.Interest.ShouldBe(1_972_603), c => c.Next!.Total.ShouldBe(1_972_603),
            c => c.AmountToPay.ShouldBe(1_972_603), c => c.PaymentReference.ShouldBe(Lending.Payments.PaymentReference.For(x).Value));
        dueSoon.Totals.ShouldBe(new WorklistTotals(3, 0, 3, 1_972_603 + 986_301 + 1_479_452, 0, 0, 0, 0));

        // Z pays on its due date
        AdvanceTo(new LocalDate(2026, 12, 22));
        await Repaid(z, 1_479_452, "2026-12-22");

        // 01/01/2027: X and Y 10 days late (X first: more to pay); Z's next instalment (22/01) is 21 days away
        AdvanceTo(new LocalDate(2027, 1, 1));
        var late = await Worklist(await TokenFor(Roles.CreditOfficer));
        late.Items.Select(c => c.LoanId).ShouldBe([x, y]);
        late.Items[0].ShouldSatisfyAllConditions(
            c => c.DaysPastDue.ShouldBe(10), c => c.DebtGroup.ShouldBe(2), c => c.InterestOverdue.ShouldBe(1_972_603), c => c.Penalties.ShouldBe(5_404),
            c => c.AmountDue.ShouldBe(1_978_007), c => c.AmountToPay.ShouldBe(1_978_007), c => c.Next!.DueDate.ShouldBe(new LocalDate(2027, 1, 22)),
            c => c.ContractNumber.ShouldBe("51/2026/HĐTD"));
        late.Items[1].AmountDue.ShouldBe(989_003);
        late.Totals.ShouldBe(new WorklistTotals(2, 2, 0, 1_978_007 + 989_003, 0, 1_972_603 + 986_301, 0, 0));

        // the card carries the cooperative's contact details from its registration
        await using (var session = Store.QuerySession(FundA))
        {
            var cooperative = await session.LoadAsync<CooperativeDetails>(CooperativeId);
            late.Items[0].Cooperative.ShouldBe(new CooperativeContact(cooperative!.Name, cooperative.LegalRepresentative, cooperative.Phone,
                cooperative.ContactEmail, cooperative.Address, cooperative.District, cooperative.Province));
        }

        // one page at a time, totals over the whole list; an earlier date reads the list as it was then
        var page2 = await Worklist(await TokenFor(Roles.CreditOfficer), "?page=2&pageSize=1");
        (page2.Items.Single().LoanId, page2.TotalCount, page2.PageCount, page2.Totals.Loans).ShouldBe((y, 2L, 2L, 2));
        (await Worklist(await TokenFor(Roles.CreditOfficer), "?asOf=2026-12-15")).Items.Select(c => c.LoanId).ShouldBe([x, z, y]);
    }

    [Fact]
    public async Task an_officer_reads_their_own_list_and_the_director_any_officers_or_all()
    {
        var x = await DisbursedLoan(400_000_000, "54/2026/HĐTD");
        AdvanceTo(new LocalDate(2027, 1, 1));
        await CooperativeSignsInAgain();
        var officerId = (await Loan(x)).OfficerId!.Value;
        var other = await TokenForUser(await CreateStaffUser("daklak.canbo2", [Roles.CreditOfficer]));

        (await Worklist(await TokenFor(Roles.CreditOfficer))).Items.Single().LoanId.ShouldBe(x);
        (await Worklist(other)).Items.ShouldBeEmpty();
        await (await Get($"/api/collections/worklist?officer={officerId}", other)).ShouldBeRefusal(403, "worklist.other_officer");
        await (await Get("/api/collections/worklist?officer=all", other)).ShouldBeRefusal(403, "worklist.other_officer");
        await (await Get("/api/collections/worklist?officer=nobody", other)).ShouldBeRefusal(400, "officer.format");
        await (await Get("/api/collections/worklist?asOf=01/01/2027", other)).ShouldBeRefusal(400, "as_of.format");

        (await Worklist(await TokenFor(Roles.Director))).Items.Single().LoanId.ShouldBe(x);
        (await Worklist(await TokenFor(Roles.Director), $"?officer={officerId}")).Items.Single().OfficerId.ShouldBe(officerId);
        (await Worklist(await TokenFor(Roles.Director), $"?officer={Guid.NewGuid()}")).Items.ShouldBeEmpty();
        (await Worklist(await TokenFor(Roles.BoardMember))).TotalCount.ShouldBe(1);
        (await Worklist(await TokenFor(Roles.RiskCouncil))).TotalCount.ShouldBe(1);
        (await Worklist(await TokenFor(Roles.Director, FundB))).Items.ShouldBeEmpty();
        (await Get("/api/collections/worklist", await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/collections/worklist", Coop)).Context.Response.StatusCode.ShouldBe(403);
    }
}
