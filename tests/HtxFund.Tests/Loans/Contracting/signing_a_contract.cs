using HtxFund.Applications;
using HtxFund.Identity;
using HtxFund.Lending;
using Alba;
using HtxFund.Loans;
using HtxFund.Loans.Contracting;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using NodaTime;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Tracking;

namespace HtxFund.Tests.Loans.Contracting;

public sealed class signing_a_contract(AppFixture fixture) : LoanContext(fixture)
{
    [Fact]
    public async Task the_contract_freezes_the_engines_schedule_and_its_pdf_carries_the_schedule_annex_on_every_page()
    {
        var id = await Approved(400_000_000, termMonths: 84);
        (await Capital()).Committed.Dong.ShouldBe(400_000_000); // approved, not yet signed

        var director = await TokenFor(Roles.Director);
        IScenarioResult? signing = null;
        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
                signing = await LoanPost(id, "contract", ContractBody("15/2026/HĐTD", amount: 350_000_000), director)));
        await Ok(Task.FromResult(signing!));
        // the PDF is rendered and stored by its own handler once the signing committed, not inside the decision
        tracked.Executed.SingleMessage<IssueLoanContractDocument>().LoanId.ShouldBe(id);
        await using (var session = Store.QuerySession(FundA))
            (await session.Events.FetchStreamAsync(id)).Last().Data.ShouldBeOfType<LoanContractSigned>(); // the PDF moves no version

        var loan = await Loan(id);
        loan.Stage.ShouldBe(LoanStage.Contracted);
        loan.ContractNumber.ShouldBe("15/2026/HĐTD");
        loan.ApprovedAmount.ShouldBe(400_000_000);
        loan.ContractedAmount.ShouldBe(350_000_000);
        loan.UndisbursedAmount.ShouldBe(350_000_000);
        var contract = loan.Contract!;
        contract.Schedule.Count.ShouldBe(84);
        contract.Schedule.Sum(r => r.Principal).ShouldBe(350_000_000);
        contract.Schedule[^1].BalanceAfter.ShouldBe(0);
        contract.PolicyVersion.ShouldBe(1);
        contract.Terms.AnnualRatePercent.ShouldBe(6m);
        loan.History.Last().Action.ShouldBe("contract_signed");
        loan.History.Last().Description.ShouldContain("15/2026/HĐTD");
        (await Capital()).Committed.Dong.ShouldBe(350_000_000);

        var download = await Get($"/api/loans/{id}/contract", Coop);
        download.Context.Response.StatusCode.ShouldBe(200, await download.ReadAsTextAsync());
        download.Context.Response.ContentType.ShouldBe("application/pdf");
        var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        var pages = PdfTools.Pages(bytes.ToArray());
        var text = string.Join("\f", pages);
        text.ShouldContain("HỢP ĐỒNG TÍN DỤNG");
        text.ShouldContain("Hợp tác xã Nông nghiệp Cà phê Ea Tu");
        text.ShouldContain("350.000.000 ₫");
        text.ShouldContain(Money.Of(350_000_000).ToVietnameseWords());

        var annexStart = Array.FindIndex(pages, p => p.Contains("Phụ lục: Lịch trả nợ"));
        annexStart.ShouldBeGreaterThan(0);
        var annex = pages[annexStart..];
        annex.Length.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var page in annex)
        {
            page.ShouldContain("Ngày đến hạn");
            page.ShouldContain("Dư nợ còn lại");
        }
        var annexText = string.Join("\f", annex);
        foreach (var row in contract.Schedule)
            annexText.ShouldContain(row.DueDate.ToString("dd/MM/yyyy", null));

        (await Get($"/api/loans/{id}/contract", await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(200);
        (await Get($"/api/loans/{id}/contract", await AnotherCooperative())).Context.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task the_contract_names_the_director_as_the_lenders_representative_and_states_every_rate()
    {
        var director = Host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[$"HtxFund:Letterheads:{FundA}:Director"];
        director.ShouldNotBeNullOrWhiteSpace("the test environment configures the Director of the fund (appsettings.Development.json)");
        var id = await Approved(400_000_000);

        await Contracted(id, "16/2026/HĐTD");

        var download = await Get($"/api/loans/{id}/contract", Coop);
        var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        var text = System.Text.RegularExpressions.Regex.Replace(PdfTools.Text(bytes.ToArray()), @"\s+", " ");
        var lender = text[text.IndexOf("BÊN CHO VAY (Bên A)", StringComparison.Ordinal)..text.IndexOf("BÊN VAY (Bên B)", StringComparison.Ordinal)];
        lender.ShouldContain($"Người đại diện: {director}");
        lender.ShouldContain("Chức vụ:");
        lender.ShouldContain("Giám đốc");
        text.ShouldNotContain(UserName(FundA, Roles.CreditOfficer), customMessage: "the credit officer who recorded the contract does not represent the lender");
        text.ShouldContain("ĐẠI DIỆN BÊN A");
        text.ShouldContain("Lãi suất cho vay:");
        text.ShouldContain("6 %/năm");
        text.ShouldContain("Lãi suất nợ gốc quá hạn:");
        text.ShouldContain("9 %/năm (bằng 150 % lãi suất cho vay trong hạn)");
        text.ShouldContain("Lãi chậm trả tiền lãi:");
        text.ShouldContain("10 %/năm trên số tiền lãi chậm trả, tính theo số ngày chậm trả");
    }

    [Fact]
    public async Task terms_beyond_the_approval_are_refused_and_append_nothing()
    {
        var id = await Approved(400_000_000);
        var officer = await TokenFor(Roles.CreditOfficer);
        var events = await EventCount();

        await ExpectRefusal(await LoanPost(id, "contract", ContractBody("1/HĐ", amount: 400_000_001), officer), 422, "contract.amount_above_approval");
        await ExpectRefusal(await LoanPost(id, "contract", ContractBody("1/HĐ", termMonths: 48), officer), 422, "contract.term_above_approval");
        await ExpectRefusal(await LoanPost(id, "contract", new { contractNumber = "1/HĐ", signedOn = Today, annualRatePercent = 5.5m }, officer),
            422, "contract.rate_differs_from_approval");
        await ExpectRefusal(await LoanPost(id, "contract", ContractBody("1/HĐ", signedOn: "2026-11-21"), officer), 400, "signed_on.before_decision");
        await ExpectRefusal(await LoanPost(id, "contract", ContractBody("1/HĐ", signedOn: "2026-11-23"), officer), 400, "signed_on.in_future");
        await ExpectRefusal(await LoanPost(id, "contract", ContractBody(""), officer), 400, "contract_number.required");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_contract_number_is_used_once_in_the_fund_and_a_loan_is_signed_once()
    {
        var first = await Approved(300_000_000);
        var second = await Approved(200_000_000, coopToken: await AnotherCooperative());
        await Contracted(first, "22/2026/HĐTD");

        await ExpectRefusal(await LoanPost(second, "contract", ContractBody("22/2026/HĐTD"), await TokenFor(Roles.CreditOfficer)), 409, "contract.number_taken");
        await ExpectRefusal(await LoanPost(first, "contract", ContractBody("23/2026/HĐTD"), await TokenFor(Roles.CreditOfficer)), 409, "contract.already_signed");
        await Contracted(second, "23/2026/HĐTD");
    }

    [Fact]
    public async Task only_staff_who_sign_contracts_may_and_only_in_their_fund_and_on_the_current_version()
    {
        var id = await Approved();
        (await LoanPost(id, "contract", ContractBody("3/HĐ"), await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(403);
        (await LoanPost(id, "contract", ContractBody("3/HĐ"), Coop)).Context.Response.StatusCode.ShouldBe(403);
        await ExpectRefusal(await Post($"/api/loans/{id}/contract", new { version = 1, contractNumber = "3/HĐ", signedOn = Today },
            await TokenFor(Roles.CreditOfficer, FundB)), 404, "loan.not_found");

        var version = (await Loan(id)).Version;
        await CreditChecked(id);
        var stale = await Post($"/api/loans/{id}/contract", new { version, contractNumber = "3/HĐ", signedOn = Today }, await TokenFor(Roles.CreditOfficer));
        await ExpectRefusal(stale, 409, "loan.version_conflict");
        (await stale.ReadJson()).GetProperty("currentVersion").GetInt64().ShouldBe(version + 1);

        var pending = await Submitted();
        await ExpectRefusal(await Post($"/api/loans/{pending}/contract", new { version = 2, contractNumber = "4/HĐ", signedOn = Today },
            await TokenFor(Roles.CreditOfficer)), 404, "loan.not_found");
        (await Get($"/api/loans/{pending}", await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task a_signed_schedule_keeps_its_due_dates_when_the_calendar_changes_later_and_new_schedules_record_the_new_version()
    {
        var id = await Approved(400_000_000, termMonths: 36);
        await Contracted(id, "31/2026/HĐTD");
        var signed = (await Loan(id)).Contract!;
        signed.CalendarVersion.ShouldBe(1);
        signed.Schedule.ShouldContain(r => r.DueDate == new LocalDate(2027, 3, 22));

        // the Government gives Monday 22/03/2027 off
        var announced = await Post("/api/policy/calendar/announcements", new
        {
            year = 2027, holidays = new[] { "Other" }, name = "Ngày nghỉ đặc biệt", daysOff = new[] { "2027-03-22" },
            source = "Quyết định thử nghiệm", expectedCalendarVersion = 1,
        }, await TokenFor(Roles.Admin));
        announced.Context.Response.StatusCode.ShouldBe(200, await announced.ReadAsTextAsync());

        var after = (await Loan(id)).Contract!;
        after.Schedule.ShouldBe(signed.Schedule, "a signed schedule never moves");
        await using (var session = Store.QuerySession(FundA))
        {
            var policy = (await FundPolicies.CurrentAsync(session, default)).ToLendingPolicy();
            policy.Calendar.Version.ShouldBe(2);
            policy.Calendar.IsWorkingDay(new LocalDate(2027, 3, 22)).ShouldBeFalse();
            // the valuation runs on the frozen rows, not on the terms placed again by the new calendar
            LoanTransactions.Schedule(after, policy).Instalments.Select(i => i.DueDate).ShouldBe(signed.Schedule.Select(r => r.DueDate));
        }

        // the same terms approved and signed now put that instalment on Tuesday 23/03/2027, under calendar version 2
        var second = await Approved(400_000_000, termMonths: 36, coopToken: await AnotherCooperative());
        await Contracted(second, "32/2026/HĐTD");
        var contract = (await Loan(second)).Contract!;
        contract.CalendarVersion.ShouldBe(2);
        contract.Schedule.ShouldContain(r => r.DueDate == new LocalDate(2027, 3, 23));
        contract.Schedule.ShouldNotContain(r => r.DueDate == new LocalDate(2027, 3, 22));
        await using var query = Store.QuerySession(FundA);
        var events = await query.Events.FetchStreamAsync(second);
        events.Select(e => e.Data).OfType<LoanApproved>().Single().CalendarVersion.ShouldBe(2);
        events.Select(e => e.Data).OfType<ApplicationAppraised>().Single().Appraisal.CalendarVersion.ShouldBe(2);
        events.Select(e => e.Data).OfType<LoanApproved>().Single().Schedule.ShouldContain(r => r.DueDate == new LocalDate(2027, 3, 23));
    }

    [Fact]
    public async Task schedules_recorded_before_calendars_were_versioned_read_as_calendar_version_1()
    {
        var serializer = Store.Options.Serializer();
        var terms = """{"amount":1000,"annualRatePercent":6,"termMonths":1,"method":"Bullet","frequency":"AtMaturity","graceMonths":0,"startDate":"2026-01-05"}""";
        var row = """{"number":1,"dueDate":"2026-02-05","principal":1000,"interest":5,"total":1005,"balanceAfter":0}""";
        var by = """{"userId":"0193f1a4-0000-7000-8000-000000000001","userName":"daklak.director","roles":["Director"]}""";

        var contract = serializer.FromJson<ContractTerms>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"contractNumber":"1/HĐ","signedOn":"2026-01-05","terms":{{terms}},"schedule":[{{row}}],"totalInterest":5,"policyVersion":3}""")));
        contract.CalendarVersion.ShouldBe(1);
        contract.PolicyVersion.ShouldBe(3);

        var approved = serializer.FromJson<LoanApproved>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"applicationId":"0193f1a4-0000-7000-8000-000000000002","terms":{{terms}},"decidedBy":"Director","decisionNumber":"1/QĐ-QHTX","limitChecks":[],"actualCharterCapital":0,"policyVersion":2,"note":"","schedule":[{{row}}],"by":{{by}},"at":"2026-01-05T03:00:00Z","businessDate":"2026-01-05"}""")));
        approved.CalendarVersion.ShouldBe(1);
        approved.Schedule.Single().DueDate.ShouldBe(new LocalDate(2026, 2, 5));
    }

    [Fact]
    public async Task a_contract_document_message_delivered_again_issues_nothing_more()
    {
        var id = await Approved(400_000_000);
        await Contracted(id, "17/2026/HĐTD");
        var issued = (await Loan(id)).ContractFileId;
        issued.ShouldNotBeNull();
        var events = await EventCount();
        var version = (await Loan(id)).Version;

        // as after a crash between the handler's commit and the message's acknowledgement: the same message again
        var officer = new HtxFund.Identity.Actor(Guid.NewGuid(), UserName(FundA, Roles.CreditOfficer), [Roles.CreditOfficer]);
        await using (var scope = Host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>().InvokeForTenantAsync(FundA, new IssueLoanContractDocument(id, officer));

        (await EventCount()).ShouldBe(events);
        (await Loan(id)).ContractFileId.ShouldBe(issued);
        await using var session = Store.QuerySession(FundA);
        (await session.Query<HtxFund.Files.StoredFile>().Where(f => f.Owner == $"loan:{id}").CountAsync()).ShouldBe(1);
        // issuing the PDF does not move the loan's version: the signer's next command, sent with the version it was given, is taken
        (await Loan(id)).Version.ShouldBe(version);
    }
}
