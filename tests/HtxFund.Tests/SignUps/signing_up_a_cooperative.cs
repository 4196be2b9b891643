using System.Net;
using Alba;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.SignUps;
using HtxFund.Tests.Support;
using Marten;
using NodaTime;

namespace HtxFund.Tests.SignUps;

public sealed class signing_up_a_cooperative(AppFixture fixture) : SignUpContext(fixture)
{
    [Fact]
    public async Task a_sign_up_confirmed_by_email_and_approved_registers_the_cooperative_and_its_user_who_can_sign_in()
    {
        var taxCode = NewTaxCode();
        var id = await SignedUp(taxCode, "ea.kao@htx.test");
        (await Stored(id)).Status.ShouldBe(SignUpStatus.AwaitingEmail);
        (await Login(taxCode, "Ca-phe-Ea-Kao-2026")).Context.Response.StatusCode.ShouldBe(401); // no account before the approval

        var mail = await EmailedToken("ea.kao@htx.test");
        var confirmed = await Confirm(mail);
        confirmed.Context.Response.StatusCode.ShouldBe(200, await confirmed.ReadAsTextAsync());
        (await Stored(id)).Status.ShouldBe(SignUpStatus.AwaitingReview);

        var director = await TokenFor(Roles.Director);
        var listed = await Get("/api/sign-ups?status=AwaitingReview", director);
        (await listed.ReadJson()).EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ShouldBe([id]);
        var certificate = await Get($"/api/sign-ups/{id}/certificate", director);
        certificate.Context.Response.ContentType.ShouldBe("application/pdf");

        var approved = await Post($"/api/sign-ups/{id}/approve", new { version = 2 }, director);
        approved.Context.Response.StatusCode.ShouldBe(200, await approved.ReadAsTextAsync());
        var cooperativeId = (await approved.ReadJson()).GetProperty("cooperativeId").GetGuid();
        await using (var query = Store.QuerySession(FundA))
        {
            var cooperative = (await query.LoadAsync<CooperativeDetails>(cooperativeId))!;
            cooperative.TaxCode.ShouldBe(taxCode);
            cooperative.Name.ShouldBe("Hợp tác xã Nông nghiệp Ea Kao");
            cooperative.Province.ShouldBe("Đắk Lắk");
            cooperative.MemberCount.ShouldBe(27);
            (await query.LoadAsync<SignUpCredential>(id)).ShouldBeNull();
        }
        var user = await Store.QuerySession().Query<UserAccount>().SingleAsync(u => u.UserName == taxCode);
        user.ShouldSatisfyAllConditions(
            () => user.Roles.ShouldBe([Roles.Cooperative]), () => user.CooperativeId.ShouldBe(cooperativeId),
            () => user.FundId.ShouldBe(FundA), () => user.Disabled.ShouldBeFalse(), () => user.Email.ShouldBe("ea.kao@htx.test"));
        var signIn = await Login(taxCode, "Ca-phe-Ea-Kao-2026");
        signIn.Context.Response.StatusCode.ShouldBe(200);
        await Waiting.Eventually(() => Task.FromResult(Fixture.Smtp.Messages().Any(m => m.Subject!.Contains("đã được duyệt"))),
            "the approval email arrives");
        Fixture.Smtp.Messages().Single(m => m.Subject!.Contains("đã được duyệt")).TextBody!.ShouldContain(taxCode);
    }

    [Fact]
    public async Task the_confirmation_link_works_once_and_not_after_it_expires()
    {
        var email = "mot.lan@htx.test";
        await SignedUp(NewTaxCode(), email);
        var token = await EmailedToken(email);
        (await Confirm(token)).Context.Response.StatusCode.ShouldBe(200);
        var before = await EventCount();

        await (await Confirm(token)).ShouldBeRefusal(409, "sign_up.link_used");
        await (await Confirm(token[..^4] + "abcd")).ShouldBeRefusal(400, "sign_up.link_invalid");
        (await EventCount()).ShouldBe(before);

        var late = "tre.han@htx.test";
        await SignedUp(NewTaxCode(), late);
        var lateToken = await EmailedToken(late);
        Clock.Advance(Duration.FromHours(48));
        await (await Confirm(lateToken)).ShouldBeRefusal(410, "sign_up.link_expired");
        (await EventCount()).ShouldBe(before + 1); // only the second sign-up's submission
    }

    [Fact]
    public async Task a_form_that_breaks_the_rules_is_refused_field_by_field_and_stores_nothing()
    {
        var before = await EventCount();
        var valid = NewTaxCode();
        var fields = Fields(valid[..9] + (char)('0' + (valid[9] - '0' + 1) % 10), "sai@htx.test");
        fields["consent"] = "false";
        fields["password"] = "ngan";
        fields["memberCount"] = "3";
        fields.Remove("phone");

        var refused = await SignUp(fields);

        await refused.ShouldBeRefusal(400, "tax_code.check_digit");
        foreach (var code in new[] { "consent.required", "password.too_short", "member_count.below_legal_minimum", "phone.required" })
            await refused.ShouldBeRefusal(400, code);
        (await refused.ReadJson()).GetProperty("detail").GetString()!.ShouldContain("Vui lòng đồng ý");
        (await EventCount()).ShouldBe(before);
        (await Store.QuerySession(FundA).Query<HtxFund.Files.StoredFile>().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task a_sign_up_without_a_solved_unused_challenge_is_refused()
    {
        var before = await EventCount();
        var (challenge, _) = await Challenge();
        var unsolved = Fields(NewTaxCode(), "may@htx.test");
        unsolved["challenge"] = challenge;
        unsolved["counter"] = Enumerable.Range(0, 100).Select(n => n.ToString()).First(n => !ProofOfWork.Solves(challenge, n, 16));
        await (await SignUp(unsolved)).ShouldBeRefusal(400, "sign_up.proof_of_work_failed");

        var forged = Fields(NewTaxCode(), "gia@htx.test");
        forged["challenge"] = "tu-che";
        forged["counter"] = ProofOfWork.Solve("tu-che", 16);
        await (await SignUp(forged)).ShouldBeRefusal(400, "sign_up.challenge_invalid");

        var (used, bits) = await Challenge();
        var first = Fields(NewTaxCode(), "lan.dau@htx.test");
        first["challenge"] = used;
        first["counter"] = ProofOfWork.Solve(used, bits);
        (await SignUp(first)).Context.Response.StatusCode.ShouldBe(201);
        var again = Fields(NewTaxCode(), "lan.hai@htx.test");
        again["challenge"] = used;
        again["counter"] = first["counter"];
        await (await SignUp(again)).ShouldBeRefusal(400, "sign_up.challenge_used");

        var (stale, staleBits) = await Challenge();
        var late = Fields(NewTaxCode(), "cham@htx.test");
        late["challenge"] = stale;
        late["counter"] = ProofOfWork.Solve(stale, staleBits);
        Clock.Advance(Duration.FromMinutes(31));
        await (await SignUp(late)).ShouldBeRefusal(400, "sign_up.challenge_expired");
        (await EventCount()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task sign_ups_that_would_duplicate_a_cooperative_or_an_account_are_refused()
    {
        var taxCode = NewTaxCode();
        await SignedUp(taxCode, "dau.tien@htx.test");
        var before = await EventCount();

        await (await SignUp(Fields(taxCode, "thu.hai@htx.test"))).ShouldBeRefusal(409, "sign_up.duplicate_pending");
        await (await SignUp(Fields(NewTaxCode(), "x@htx.test", FundB, "Đắk Lắk"))).ShouldBeRefusal(422, "sign_up.province_not_served");
        await (await SignUp(Fields(NewTaxCode(), "x@htx.test", "khong-co"))).ShouldBeRefusal(400, "sign_up.fund_unknown");

        var elsewhere = NewTaxCode();
        var registered = await Post("/api/cooperatives", new
        {
            name = "HTX Lâm Đồng", type = "HopTacXa", taxCode = elsewhere, province = "Lâm Đồng", district = "Phường 1",
            address = "Đà Lạt", registrationDate = "2018-01-02", legalRepresentative = "Nguyễn Văn A", memberCount = 9, mainSector = "Rau",
        }, await TokenFor(Roles.CreditOfficer, FundB));
        registered.Context.Response.StatusCode.ShouldBe(201, await registered.ReadAsTextAsync());
        await (await SignUp(Fields(elsewhere, "khac.quy@htx.test"))).ShouldBeRefusal(409, "sign_up.tax_code_of_another_fund");

        var user = await Post("/api/users", new
        {
            userName = "thu.ky", displayName = "Thư ký", email = "thu.ky@quy-htx.test", password = "Thu-ky-2026-quy", roles = new[] { Roles.CreditOfficer },
        }, await TokenFor(Roles.Admin, FundB));
        user.Context.Response.StatusCode.ShouldBe(201, await user.ReadAsTextAsync());
        await (await SignUp(Fields(NewTaxCode(), "THU.KY@quy-htx.test"))).ShouldBeRefusal(409, "sign_up.email_taken");
        (await EventCount()).ShouldBe(before + 1); // the cooperative of the other fund only
    }

    [Fact]
    public async Task a_refused_sign_up_is_emailed_its_reason_and_creates_nothing()
    {
        var id = await Confirmed(NewTaxCode(), "tu.choi@htx.test");
        var admin = await TokenFor(Roles.Admin);
        await (await Post($"/api/sign-ups/{id}/refuse", new { reason = "", version = 2 }, admin)).ShouldBeRefusal(400, "reason.required");
        await (await Post($"/api/sign-ups/{id}/refuse", new { reason = "Giấy chứng nhận không đọc được", version = 1 }, admin))
            .ShouldBeRefusal(409, "sign_up.version_conflict");

        var refused = await Post($"/api/sign-ups/{id}/refuse", new { reason = "Giấy chứng nhận không đọc được", version = 2 }, admin);
        refused.Context.Response.StatusCode.ShouldBe(204, await refused.ReadAsTextAsync());

        (await Stored(id)).RefusalReason.ShouldBe("Giấy chứng nhận không đọc được");
        await Waiting.Eventually(() => Task.FromResult(Fixture.Smtp.Messages().Any(m => m.Subject!.Contains("chưa được chấp nhận"))),
            "the refusal email arrives");
        Fixture.Smtp.Messages().Single(m => m.Subject!.Contains("chưa được chấp nhận")).TextBody!.ShouldContain("Lý do: Giấy chứng nhận không đọc được");
        (await Store.QuerySession(FundA).Query<CooperativeDetails>().CountAsync()).ShouldBe(0);
        var before = await EventCount();
        await (await Post($"/api/sign-ups/{id}/approve", new { version = 3 }, admin)).ShouldBeRefusal(409, "sign_up.already_decided");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task approving_links_the_funds_cooperative_with_the_same_tax_code_instead_of_registering_it_again()
    {
        var taxCode = NewTaxCode();
        var registered = await Post("/api/cooperatives", new
        {
            name = "HTX Ea Kao", type = "HopTacXa", taxCode, province = "Đắk Lắk", district = "Phường Ea Kao",
            address = "Buôn Ma Thuột", registrationDate = "2018-01-02", legalRepresentative = "Y Bhim Niê", memberCount = 9, mainSector = "Cà phê",
        }, await TokenFor(Roles.CreditOfficer));
        var existing = (await registered.ReadJson()).GetProperty("value").GetGuid();
        var id = await Confirmed(taxCode, "lien.ket@htx.test");

        var approved = await Post($"/api/sign-ups/{id}/approve", new { version = 2 }, await TokenFor(Roles.Admin));

        approved.Context.Response.StatusCode.ShouldBe(200, await approved.ReadAsTextAsync());
        var json = await approved.ReadJson();
        json.GetProperty("cooperativeId").GetGuid().ShouldBe(existing);
        json.GetProperty("linkedExistingCooperative").GetBoolean().ShouldBeTrue();
        (await Store.QuerySession(FundA).Query<CooperativeDetails>().CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task only_the_director_and_the_admin_of_the_sign_ups_fund_review_it()
    {
        var id = await Confirmed(NewTaxCode(), "vai.tro@htx.test");
        var before = await EventCount();

        (await Post($"/api/sign-ups/{id}/approve", new { version = 2 }, await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/sign-ups", await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/sign-ups", null)).Context.Response.StatusCode.ShouldBe(401);
        var otherDirector = await TokenFor(Roles.Director, FundB);
        await (await Post($"/api/sign-ups/{id}/approve", new { version = 2 }, otherDirector)).ShouldBeRefusal(404, "sign_up.not_found");
        await (await Get($"/api/sign-ups/{id}", otherDirector)).ShouldBeRefusal(404, "sign_up.not_found");
        (await (await Get("/api/sign-ups", otherDirector)).ReadJson()).GetArrayLength().ShouldBe(0);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_unconfirmed_sign_up_cannot_be_approved()
    {
        var id = await SignedUp(NewTaxCode(), "chua.xac.nhan@htx.test");
        var before = await EventCount();
        await (await Post($"/api/sign-ups/{id}/approve", new { version = 1 }, await TokenFor(Roles.Director)))
            .ShouldBeRefusal(409, "sign_up.email_not_confirmed");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task sign_ups_from_one_address_are_limited_per_hour()
    {
        var address = NextClientAddress();
        for (var i = 0; i < 10; i++)
            (await SignUp(new Dictionary<string, string> { ["challenge"] = "x" }, address)).Context.Response.StatusCode.ShouldBe(400);

        var limited = await SignUp(new Dictionary<string, string> { ["challenge"] = "x" }, address);

        await limited.ShouldBeRefusal(429, "sign_up.too_many_attempts");
        limited.Context.Response.Headers.RetryAfter.ToString().ShouldNotBeEmpty();
        (await SignUp(new Dictionary<string, string> { ["challenge"] = "x" }, NextClientAddress())).Context.Response.StatusCode.ShouldBe(400);
    }
}
