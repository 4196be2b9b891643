using HtxFund.Identity;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Notices.Fixtures;
using Marten;

namespace HtxFund.Tests.Notices;

public sealed class notifying_staff_and_cooperatives(AppFixture fixture) : NoticeContext(fixture)
{
    private string Officer => Staff(Roles.CreditOfficer);

    [Fact]
    public async Task a_new_application_and_its_resubmission_reach_the_credit_officers_of_the_fund_only_and_the_return_reaches_the_cooperative()
    {
        var id = await Submitted(Request(amount: 400_000_000));

        var posted = (await PostedTo(Officer, NoticeKind.ApplicationSubmitted)).Single();
        posted.Link.ShouldBe($"/tin-dung/ho-so/{id}");
        posted.Body.ShouldContain("400.000.000 ₫");
        var mail = (await Emailed(StaffEmail(Officer))).Single();
        mail.Subject.ShouldStartWith("Hồ sơ vay mới số ");
        mail.TextBody!.ShouldContain($"/tin-dung/ho-so/{id}");

        await Ok(Transition(id, "return", new { questions = "Bổ sung báo cáo tài chính năm 2025 đã kiểm toán." }, await TokenFor(Roles.CreditOfficer)));
        var returned = (await PostedTo(CoopUser, NoticeKind.ApplicationReturned)).Single();
        returned.Body.ShouldContain("Bổ sung báo cáo tài chính năm 2025 đã kiểm toán.");
        returned.Link.ShouldBe($"/htx/ho-so/{id}");
        (await Emailed(CoopEmail)).Single().Subject.ShouldEndWith("cần bổ sung thông tin");

        await Ok(Transition(id, "resubmit", new { response = "Đã bổ sung báo cáo tài chính 2025." }, Coop));
        (await PostedTo(Officer, NoticeKind.ApplicationSubmitted, 2)).Count(n => n.Title.EndsWith("đã được nộp lại", StringComparison.Ordinal)).ShouldBe(1);
        (await Emailed(StaffEmail(Officer), 2)).Count(m => m.Subject!.EndsWith("đã được nộp lại", StringComparison.Ordinal)).ShouldBe(1);
        await Settled();

        // nobody else: other roles, the other fund's credit officer
        foreach (var role in new[] { Roles.Director, Roles.BoardMember, Roles.Accountant, Roles.ChiefAccountant, Roles.Admin })
            (await InApp(Staff(role))).ShouldBeEmpty(role);
        (await InApp(Staff(Roles.CreditOfficer, FundB))).ShouldBeEmpty();
        MailTo(StaffEmail(Staff(Roles.CreditOfficer, FundB))).ShouldBeEmpty();
        NoticeMail().Count.ShouldBe(3);
    }

    [Fact]
    public async Task a_board_application_goes_to_the_board_the_vote_that_reaches_quorum_to_the_director_and_the_decision_letter_to_the_cooperative()
    {
        var board = await BoardMembers(3);
        foreach (var n in new[] { 2, 3 }) await SetEmail($"daklak.board{n}", $"board{n}@quy-htx.test");
        var id = await Appraised(requested: 2_000_000_000, proposed: 1_500_000_000);

        foreach (var member in new[] { Staff(Roles.BoardMember), "daklak.board2", "daklak.board3" })
            (await PostedTo(member, NoticeKind.AppraisalAwaitingVotes)).Single().Body.ShouldContain("1.500.000.000 ₫");
        (await Emailed("board3@quy-htx.test")).Single().Subject.ShouldEndWith("chờ Hội đồng quản lý biểu quyết");

        await Ok(Transition(id, "votes", new { vote = "Approve", comment = "Phương án khả thi." }, board[0]));
        await Ok(Transition(id, "votes", new { vote = "Abstain", comment = "" }, board[1]));
        await Settled();
        (await InApp(Staff(Roles.Director))).ShouldBeEmpty(); // the quorum is not reached yet

        await Ok(Tracked(async () => await Transition(id, "votes", new { vote = "Approve", comment = "Đồng ý." }, board[2])));
        var quorum = (await PostedTo(Staff(Roles.Director), NoticeKind.VoteReachedQuorum)).Single();
        quorum.Body.ShouldContain("2 tán thành, 0 không tán thành, 1 không biểu quyết; khoản vay được thông qua.");
        (await Emailed(StaffEmail(Staff(Roles.Director)))).Single().Subject.ShouldStartWith("Biểu quyết hồ sơ");

        var decided = (await PostedTo(CoopUser, NoticeKind.ApplicationDecided)).Single();
        decided.Title.ShouldEndWith("đã được phê duyệt");
        decided.Body.ShouldContain("1.500.000.000 ₫ (quyết định số 1/QĐ-QHTX)");
        var letter = (await Emailed(CoopEmail)).Single();
        var text = await PdfText(Attachment(letter));
        text.ShouldContain("1/QĐ-QHTX");
        text.ShouldContain("1.500.000.000");
        await Settled();
        (await InApp(Staff(Roles.CreditOfficer))).Count(n => n.Notice != NoticeKind.ApplicationSubmitted).ShouldBe(0);
        (await InApp(Staff(Roles.BoardMember, FundB))).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_contract_the_tranche_and_the_repayment_reach_the_cooperative_with_the_new_balance_and_the_prepared_tranche_the_chief_accountant()
    {
        await AnotherCooperative(); // a second cooperative, whose user must hear nothing of this loan
        var (id, due) = await DisbursedLoan(number: "15/2026/HĐTD");

        var contract = (await PostedTo(CoopUser, NoticeKind.ContractReadyToSign)).Single();
        contract.Title.ShouldBe("Hợp đồng tín dụng số 15/2026/HĐTD đã sẵn sàng");
        (await PostedTo(Staff(Roles.ChiefAccountant), NoticeKind.TranchePrepared)).Single().Link.ShouldBe($"/tai-chinh/khoan-vay/{id}");
        var paid = (await PostedTo(CoopUser, NoticeKind.TranchePaid)).Single();
        paid.Title.ShouldBe("Quỹ đã giải ngân 400.000.000 ₫");
        paid.Link.ShouldBe($"/htx/khoan-vay/{id}");
        var mail = await Emailed(CoopEmail, 3); // the approval letter, the contract, the tranche
        mail.ShouldContain(m => m.Subject == "Hợp đồng tín dụng số 15/2026/HĐTD đã sẵn sàng"
                                && m.Attachments.Any());
        (await PdfText(Attachment(mail.Single(m => m.Subject!.StartsWith("Hợp đồng", StringComparison.Ordinal))))).ShouldContain("15/2026/HĐTD");
        mail.ShouldContain(m => m.Subject == "Quỹ đã giải ngân 400.000.000 ₫");

        // the first instalment (grace: interest only) paid on its due date: the principal stays 400,000,000 ₫
        AdvanceTo(due);
        var interest = (await Position(id)).AmountDue;
        await Repaid(id, interest, Iso(due));
        var repayment = (await PostedTo(CoopUser, NoticeKind.RepaymentReceived)).Single();
        repayment.Body.ShouldBe($"Quỹ đã nhận {Money(interest)} tiền trả nợ ngày {Date(due)}. Dư nợ gốc sau khoản trả này: 400.000.000 ₫.");
        (await Emailed(CoopEmail, 4)).ShouldContain(m => m.Subject == $"Quỹ đã nhận {Money(interest)} tiền trả nợ");

        // then 100,000,000 ₫ more the same day: all of it on the principal (nothing else is due), 300,000,000 ₫ left
        await Repaid(id, 100_000_000, Iso(due));
        (await PostedTo(CoopUser, NoticeKind.RepaymentReceived, 2)).ShouldContain(n => n.Body.EndsWith("Dư nợ gốc sau khoản trả này: 300.000.000 ₫.", StringComparison.Ordinal));
        await Settled();
        (await InApp(Staff(Roles.Accountant))).ShouldBeEmpty();
        (await InApp(Staff(Roles.CreditOfficer))).ShouldAllBe(n => n.Notice == NoticeKind.ApplicationSubmitted);
        (await InAppOfCooperativesOtherThanOurs()).ShouldBeEmpty();
    }

    private async Task<IReadOnlyList<Notification>> InAppOfCooperativesOtherThanOurs()
    {
        await using var session = Store.QuerySession();
        var users = await session.Query<UserAccount>().Where(u => u.CooperativeId != null && u.CooperativeId != CooperativeId).ToListAsync();
        var found = new List<Notification>();
        foreach (var u in users) found.AddRange(await InApp(u.UserName));
        return found;
    }
}
