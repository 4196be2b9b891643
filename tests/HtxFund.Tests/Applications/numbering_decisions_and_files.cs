using System.Text.RegularExpressions;
using Alba;
using HtxFund.Applications;
using HtxFund.Applications.Deciding;
using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HtxFund.Tests.Applications;

/// <summary>
/// The fund's registers: decisions to lend (n/QĐ-QHTX), refusal notices (n/TB-QHTX) and loan files (HS-yyyy-nnnnn),
/// each numbered from 1 per fund and year. Numbers are taken in the deciding command's own transaction, so
/// simultaneous decisions all succeed with consecutive numbers, a decision that fails gives its number back, and the
/// registers continue after numbers issued before they existed.
/// </summary>
public sealed class numbering_decisions_and_files(AppFixture fixture) : ApplicationContext(fixture)
{
    private static int NumberOf(string decisionNumber) => int.Parse(decisionNumber.Split('/')[0]);

    private async Task<string> DecisionNumber(Guid id) => (await View(id)).Application.Decision!.DecisionNumber;

    /// <summary>Applications of as many new cooperatives (one pending application per borrower), appraised.</summary>
    private async Task<List<Guid>> AppraisedApplications(int count, long amount)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await Appraised(amount, amount, coopToken: await AnotherCooperative()));
        return ids;
    }

    private async Task<IScenarioResult[]> AllAtOnce(IEnumerable<Func<Task<IScenarioResult>>> calls) =>
        await Task.WhenAll(calls.Select(call => Task.Run(call)));

    private async Task TruncateRegisters()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"TRUNCATE htxfund.{Registers.Table}", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task simultaneous_director_decisions_all_succeed_with_consecutive_numbers()
    {
        var approve = await AppraisedApplications(6, 300_000_000);
        var refuse = await AppraisedApplications(4, 300_000_000);
        var director = await TokenFor(Roles.Director);
        var versions = new Dictionary<Guid, long>();
        foreach (var id in approve.Concat(refuse)) versions[id] = await VersionOf(id);

        var results = await AllAtOnce(
            approve.Select(id => (Func<Task<IScenarioResult>>)(() => Post($"/api/applications/{id}/decision", new { version = versions[id], approve = true }, director)))
                .Concat(refuse.Select(id => (Func<Task<IScenarioResult>>)(() => Post($"/api/applications/{id}/decision",
                    new { version = versions[id], approve = false, reasons = new[] { "Phương án chưa khả thi." } }, director)))));

        foreach (var result in results) result.Context.Response.StatusCode.ShouldBe(204, await result.ReadAsTextAsync());
        var approvals = new List<string>();
        foreach (var id in approve) approvals.Add(await DecisionNumber(id));
        var refusals = new List<string>();
        foreach (var id in refuse) refusals.Add(await DecisionNumber(id));
        approvals.ShouldAllBe(n => n.EndsWith("/QĐ-QHTX"));
        approvals.Select(NumberOf).Order().ShouldBe([1, 2, 3, 4, 5, 6]);
        refusals.ShouldAllBe(n => n.EndsWith("/TB-QHTX"));
        refusals.Select(NumberOf).Order().ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public async Task simultaneous_deciding_board_votes_and_director_decisions_share_the_register_without_collisions()
    {
        var boardFiles = await AppraisedApplications(4, 1_000_000_000);
        var directorFiles = new List<Guid>();
        for (var i = 0; i < 3; i++) directorFiles.Add(await Appraised(300_000_000, 300_000_000, coopToken: await AnotherCooperative()));
        var board = await BoardMembers(3);
        foreach (var id in boardFiles)
        {
            await Ok(Transition(id, "votes", new { vote = "Approve", comment = "" }, board[0]));
            await Ok(Transition(id, "votes", new { vote = "Approve", comment = "" }, board[1]));
        }
        var director = await TokenFor(Roles.Director);
        var versions = new Dictionary<Guid, long>();
        foreach (var id in boardFiles.Concat(directorFiles)) versions[id] = await VersionOf(id);

        var results = await AllAtOnce(
            boardFiles.Select(id => (Func<Task<IScenarioResult>>)(() => Post($"/api/applications/{id}/votes",
                    new { version = versions[id], vote = "Approve", comment = "" }, board[2])))
                .Concat(directorFiles.Select(id => (Func<Task<IScenarioResult>>)(() => Post($"/api/applications/{id}/decision",
                    new { version = versions[id], approve = true }, director)))));

        foreach (var result in results) result.Context.Response.StatusCode.ShouldBeOneOf([200, 204], await result.ReadAsTextAsync());
        var numbers = new List<string>();
        foreach (var id in boardFiles.Concat(directorFiles)) numbers.Add(await DecisionNumber(id));
        numbers.Select(NumberOf).Order().ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        foreach (var id in boardFiles) (await View(id)).Application.Decision!.DecidedBy.ShouldBe(Decider.Board);
    }

    [Fact]
    public async Task a_decision_that_fails_after_taking_its_number_gives_the_number_back()
    {
        var id = await Appraised(300_000_000, 300_000_000);
        var version = await VersionOf(id);
        var director = await TokenFor(Roles.Director);
        var secondDirector = await TokenForUser(await CreateStaffUser("daklak.director2", [Roles.Director]));

        // Two Directors decide the same file at once: one wins; the other's transaction (number included) rolls back.
        var results = await AllAtOnce([
            () => Post($"/api/applications/{id}/decision", new { version, approve = true }, director),
            () => Post($"/api/applications/{id}/decision", new { version, approve = true }, secondDirector),
        ]);
        results.Count(r => r.Context.Response.StatusCode == 204).ShouldBe(1);
        results.Single(r => r.Context.Response.StatusCode != 204).Context.Response.StatusCode.ShouldBe(409);
        (await DecisionNumber(id)).ShouldBe("1/QĐ-QHTX");

        // A number taken in a transaction that never commits is not consumed either.
        await using (var session = Store.LightweightSession(FundA))
        {
            (await Registers.NextAsync(session, Registers.DecisionsToLend, 2026, default)).ShouldBe("2/QĐ-QHTX");
        } // disposed without SaveChanges: rolled back

        // Refused decisions take nothing: the next decision is number 2.
        var refused = await Appraised(300_000_000, 300_000_000, coopToken: await AnotherCooperative());
        await (await Transition(refused, "decision", new { approve = true, terms = new { amount = 600_000_000, annualRatePercent = 6m, termMonths = 36,
            method = "EqualPrincipal", frequency = "Monthly" } }, director)).ShouldBeRefusal(403, "decision.outside_tier");
        await Ok(Transition(refused, "decision", new { approve = true }, director));
        (await DecisionNumber(refused)).ShouldBe("2/QĐ-QHTX");
    }

    [Fact]
    public async Task the_registers_continue_after_numbers_issued_before_they_existed()
    {
        var director = await TokenFor(Roles.Director);
        var first = await Appraised(300_000_000, 300_000_000);
        await Ok(Transition(first, "decision", new { approve = true }, director));
        var second = await Appraised(300_000_000, 300_000_000, coopToken: await AnotherCooperative());
        await Ok(Transition(second, "decision", new { approve = true }, director));
        var refusedFile = await Appraised(300_000_000, 300_000_000, coopToken: await AnotherCooperative());
        await Ok(Transition(refusedFile, "decision", new { approve = false, reasons = new[] { "Không đủ điều kiện." } }, director));
        // The numbers so far were issued without a register row (as by the version before the registers).
        await TruncateRegisters();

        var approved = await Appraised(300_000_000, 300_000_000, coopToken: await AnotherCooperative());
        await Ok(Transition(approved, "decision", new { approve = true }, director));
        var refused = await Appraised(300_000_000, 300_000_000, coopToken: await AnotherCooperative());
        await Ok(Transition(refused, "decision", new { approve = false, reasons = new[] { "Không đủ điều kiện." } }, director));

        (await DecisionNumber(approved)).ShouldBe("3/QĐ-QHTX");
        (await DecisionNumber(refused)).ShouldBe("2/TB-QHTX");
        (await View(approved)).Application.ApplicationNumber.ShouldBe("HS-2026-00004");
        (await View(refused)).Application.ApplicationNumber.ShouldBe("HS-2026-00005");
    }

    [Fact]
    public async Task the_other_fund_keeps_its_own_registers()
    {
        await Ok(Transition(await Appraised(300_000_000, 300_000_000), "decision", new { approve = true }, await TokenFor(Roles.Director)));

        await using var session = Store.LightweightSession(FundB);
        (await Registers.NextAsync(session, Registers.DecisionsToLend, 2026, default)).ShouldBe("1/QĐ-QHTX");
        (await Registers.NextAsync(session, Registers.ApplicationFiles, 2026, default)).ShouldBe("HS-2026-00001");
    }

    [Fact]
    public async Task a_submitted_file_gets_the_next_number_of_its_year_and_keeps_it()
    {
        var draft = await Draft();
        (await View(draft, Coop)).Application.ApplicationNumber.ShouldBeNull("a draft is not in the fund's register yet");

        await Ok(Transition(draft, "submit", new { }, Coop));
        var submitted = (await View(draft, Coop)).Application;
        submitted.ApplicationNumber.ShouldBe("HS-2026-00001");
        submitted.History.Single(h => h.Action == "submitted").Description.ShouldContain("HS-2026-00001");

        await Ok(Transition(draft, "return", new { questions = "Bổ sung báo cáo tài chính." }, await TokenFor(Roles.CreditOfficer)));
        await Ok(Transition(draft, "resubmit", new { response = "Đã bổ sung." }, Coop));
        (await View(draft)).Application.ApplicationNumber.ShouldBe("HS-2026-00001", "a resubmission keeps the number");

        var list = await (await Get("/api/applications", await TokenFor(Roles.CreditOfficer))).ReadJson();
        list.GetProperty("items")[0].GetProperty("applicationNumber").GetString().ShouldBe("HS-2026-00001");

        AdvanceDays(43); // Monday 04/01/2027
        var other = await AnotherCooperative();
        var next = await Draft(token: other);
        await Ok(Transition(next, "submit", new { }, other));
        (await View(next)).Application.ApplicationNumber.ShouldBe("HS-2027-00001");
    }

    [Fact]
    public async Task simultaneous_submissions_get_distinct_consecutive_file_numbers()
    {
        var drafts = new List<(Guid Id, string Token)> { (await Draft(), Coop) };
        for (var i = 1; i < 8; i++)
        {
            var token = await AnotherCooperative();
            drafts.Add((await Draft(token: token), token));
        }

        var results = await AllAtOnce(drafts.Select(d => (Func<Task<IScenarioResult>>)(() =>
            Post($"/api/applications/{d.Id}/submit", new { version = 1 }, d.Token))));

        foreach (var result in results) result.Context.Response.StatusCode.ShouldBe(204, await result.ReadAsTextAsync());
        var numbers = new List<string>();
        foreach (var (id, _) in drafts) numbers.Add((await View(id)).Application.ApplicationNumber!);
        numbers.ShouldAllBe(n => Regex.IsMatch(n, "^HS-2026-[0-9]{5}$"));
        numbers.Select(n => int.Parse(n[^5..])).Order().ShouldBe(Enumerable.Range(1, 8));
    }

    [Fact]
    public async Task a_file_submitted_before_files_were_numbered_gets_its_number_at_the_decision()
    {
        var id = await Draft(Request(amount: 300_000_000));
        await using (var session = Store.LightweightSession(FundA))
        {
            // As the submission endpoint wrote it before files were numbered: no ApplicationNumbered.
            var stream = await session.Events.FetchForWriting<LoanApplication>(id);
            stream.AppendOne(new ApplicationSubmitted(id, new Actor(Guid.NewGuid(), "coop", [Roles.Cooperative]), AppFixture.Start,
                new NodaTime.LocalDate(2026, 11, 22)));
            await session.SaveChangesAsync();
        }
        await Ok(Transition(id, "appraisal", Appraisal(300_000_000), await TokenFor(Roles.CreditOfficer)));
        (await View(id)).Application.ApplicationNumber.ShouldBeNull();

        await Ok(Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)));

        (await View(id)).Application.ApplicationNumber.ShouldBe("HS-2026-00001");
        var letter = await Get($"/api/applications/{id}/decision-letter", Coop);
        var bytes = new MemoryStream();
        await letter.Context.Response.Body.CopyToAsync(bytes);
        Regex.Replace(HtxFund.Tests.Documents.PdfTools.Text(bytes.ToArray()), @"\s+", " ").ShouldContain("hồ sơ đề nghị vay vốn số HS-2026-00001");
    }
}
