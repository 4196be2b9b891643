using System.Net;
using System.Text.RegularExpressions;
using Alba;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace HtxFund.Tests.Infrastructure.Http;

/// <summary>
/// Issue 16, item 7: query strings, route values and page forms are checked once at the edge
/// (<see cref="RequestTargetGuardMiddleware"/>): hostile text is a 400 naming the parameter (a Vietnamese 400 page on a
/// page), the empty GUID as an id is a 404, never a 500. Swept over every list endpoint and page by
/// BadInput/every_write_endpoint_refuses_bad_input.
/// </summary>
public sealed class guarding_query_strings_route_values_and_forms(AppFixture fixture) : ApplicationContext(fixture)
{
    /// <summary>A GET whose query string reaches the server byte for byte, as a real client's does (the test client
    /// would re-encode '%' and replace a lone surrogate).</summary>
    private Task<IScenarioResult> GetRaw(string path, string rawQuery, string token) => Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.Get.Url(path);
        s.ConfigureHttpContext(c => c.Request.QueryString = new QueryString("?" + rawQuery));
        s.IgnoreStatusCode();
    });

    [Theory]
    [InlineData("province=%ED%A0%80", "province", "text.invalid_unicode")] // a lone surrogate, percent-encoded
    [InlineData(@"province=\uD800", "province", "text.invalid_unicode")] // the same, as it is
    [InlineData("province=%FF%FE", "province", "text.invalid_unicode")] // bytes that are not UTF-8
    [InlineData("q=%EF%BF%BE", "q", "text.noncharacter")] // U+FFFE made the search's normalisation throw: 500
    [InlineData(@"q=\uFFFF", "q", "text.noncharacter")]
    [InlineData("q=Ea%00Tu", "q", "text.control_character")]
    public async Task hostile_text_in_a_list_filter_is_refused_naming_the_parameter(string query, string field, string code)
    {
        var result = await GetRaw("/api/cooperatives", Regex.Unescape(query), await TokenFor(Roles.CreditOfficer));
        await result.ShouldBeRefusal(400, code);
        (await result.ReadJson()).GetProperty("fieldCodes").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task the_same_filter_in_clean_vietnamese_still_works()
    {
        var result = await GetRaw("/api/applications", "province=%C4%90%E1%BA%AFk%20L%E1%BA%AFk", await TokenFor(Roles.CreditOfficer)); // Đắk Lắk
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
    }

    [Theory]
    [InlineData("province=%EF%BF%BE")]
    [InlineData("province=%ED%A0%80")]
    [InlineData(@"sector=\uD800")]
    public async Task the_credit_portal_answers_a_hostile_query_string_with_a_vietnamese_400_page(string query)
    {
        var result = await GetRaw("/tin-dung", Regex.Unescape(query), await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(400);
        result.Context.Response.ContentType.ShouldStartWith("text/html");
        var html = WebUtility.HtmlDecode(await result.ReadAsTextAsync());
        html.ShouldContain("Yêu cầu không hợp lệ");
        html.ShouldContain("ký tự không được phép");
    }

    [Fact]
    public async Task the_empty_guid_in_a_page_address_is_the_not_found_page()
    {
        var result = await Get($"/tin-dung/ho-so/{Guid.Empty}", await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(404);
        WebUtility.HtmlDecode(await result.ReadAsTextAsync()).ShouldContain("Không tìm thấy");
    }

    [Fact]
    public async Task a_noncharacter_posted_in_a_page_form_is_refused_with_a_400_page_and_nothing_is_stored()
    {
        var page = await Get("/htx/ho-so/lap", Coop);
        page.Context.Response.StatusCode.ShouldBe(200);
        var html = await page.ReadAsTextAsync();
        var antiforgery = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        antiforgery.ShouldNotBeEmpty();
        var cookie = page.Context.Response.Headers.SetCookie.ToString().Split(';')[0];
        Task<IScenarioResult> Save(string purpose) => Host.Scenario(s =>
        {
            var form = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = antiforgery, ["Input.Purpose"] = purpose, ["Input.Sector"] = "Chế biến cà phê",
                ["Input.TotalInvestment"] = "3000000000", ["Input.OwnEquity"] = "1000000000", ["Input.Amount"] = "2000000000",
                ["Input.TermMonths"] = "36", ["Input.Method"] = "EqualPrincipal", ["Input.Frequency"] = "Monthly", ["Input.GraceMonths"] = "6",
                ["Input.CollateralType"] = "LandUseRight", ["Input.CollateralDescription"] = "Quyền sử dụng đất 2.000 m²",
                ["Input.CollateralValue"] = "2500000000",
            };
            var body = new FormUrlEncodedContent(form);
            s.Post.Url("/htx/ho-so/lap?handler=Save");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Headers.Authorization = $"Bearer {Coop}";
                c.Request.Headers.Cookie = cookie;
                c.Request.ContentType = "application/x-www-form-urlencoded";
                c.Request.Body = body.ReadAsStream();
            });
            s.IgnoreStatusCode();
        });
        var before = await EventCount();

        var refused = await Save("Mua máy sấy \uFFFE cà phê");
        refused.Context.Response.StatusCode.ShouldBe(400);
        WebUtility.HtmlDecode(await refused.ReadAsTextAsync()).ShouldContain("Yêu cầu không hợp lệ");
        (await EventCount()).ShouldBe(before);

        // the same form without the noncharacter is saved as a draft
        var saved = await Save("Mua máy sấy cà phê");
        saved.Context.Response.StatusCode.ShouldBe(302, await saved.ReadAsTextAsync());
        (await EventCount()).ShouldBe(before + 1);
    }
}

/// <summary>The one text rule and the strict query-string decoding, without a host.</summary>
public sealed class checking_input_text
{
    [Theory]
    [InlineData("Hợp tác xã Ea Tu\tĐắk Lắk\r\nxã Hòa Thuận", TextFault.None)]
    [InlineData("emoji 🌾 and a tone mark ẫ", TextFault.None)]
    [InlineData(@"a\u0000b", TextFault.ControlCharacter)]
    [InlineData(@"a\u001bb", TextFault.ControlCharacter)]
    [InlineData(@"a\u007fb", TextFault.ControlCharacter)]
    [InlineData(@"a\u0085b", TextFault.ControlCharacter)]
    [InlineData(@"a\uFFFEb", TextFault.Noncharacter)]
    [InlineData(@"\uFFFF", TextFault.Noncharacter)]
    [InlineData(@"\uFDD0", TextFault.Noncharacter)]
    [InlineData(@"\uFDEF", TextFault.Noncharacter)]
    [InlineData(@"a\uD83F\uDFFEb", TextFault.Noncharacter)] // U+1FFFE
    [InlineData(@"\uDBFF\uDFFF", TextFault.Noncharacter)] // U+10FFFF
    [InlineData(@"\uD800", TextFault.InvalidUnicode)]
    [InlineData(@"a\uDC00b", TextFault.InvalidUnicode)]
    [InlineData(@"\uDC00\uD800", TextFault.InvalidUnicode)]
    public void each_kind_of_text_gets_its_fault(string escaped, TextFault fault) => InputText.Check(Regex.Unescape(escaped)).ShouldBe(fault);

    [Fact]
    public void text_longer_than_the_longest_field_is_too_long() =>
        InputText.Check(new string('a', InputText.MaxLength + 1)).ShouldBe(TextFault.TooLong);

    [Theory]
    [InlineData("%C4%90%E1%BA%AFk+L%E1%BA%AFk", "Đắk Lắk", TextFault.None)]
    [InlineData("50%25", "50%", TextFault.None)]
    [InlineData("100%", "100%", TextFault.None)] // a lone '%' stays a '%', as ASP.NET Core reads it
    [InlineData("%ED%A0%80", "%ED%A0%80", TextFault.InvalidUnicode)] // a lone surrogate in UTF-8 is not UTF-8
    [InlineData("%FF", "%FF", TextFault.InvalidUnicode)]
    [InlineData(@"a\uD800", "", TextFault.InvalidUnicode)]
    public void a_query_value_is_decoded_strictly(string raw, string text, TextFault fault)
    {
        var (decoded, found) = RequestTargetGuardMiddleware.Decode(Regex.Unescape(raw));
        found.ShouldBe(fault);
        if (fault == TextFault.None) decoded.ShouldBe(text);
    }

    [Fact]
    public void every_parameter_of_a_query_string_is_checked()
    {
        var errors = new List<FieldError>();
        RequestTargetGuardMiddleware.QueryErrors("?page=2&province=%EF%BF%BE&q=ok&%FF=1", errors);
        errors.Select(e => (e.Field, e.Code)).ShouldBe([("province", "text.noncharacter"), ("query", "text.invalid_unicode")]);
    }
}
