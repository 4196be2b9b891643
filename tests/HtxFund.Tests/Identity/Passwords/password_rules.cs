using HtxFund.Identity;
using HtxFund.Identity.Passwords;

namespace HtxFund.Tests.Identity.Passwords;

/// <summary>The one password rule (NIST SP 800-63B-4): length, the shipped list of common passwords, no repeated single
/// character, not the user's name; and no composition rules.</summary>
public sealed class password_rules
{
    private static readonly SecurityOptions Defaults = new();
    private static readonly SecurityOptions Short = new() { MinPasswordLength = 8 };

    private static string? Code(string password, string? userName = null, SecurityOptions? options = null) =>
        PasswordRules.Refusal(password, userName, options ?? Defaults) is { } p
            ? ((Dictionary<string, string[]>)p.Extensions["fieldCodes"]!)["password"].Single()
            : null;

    [Fact]
    public void the_default_minimum_is_fifteen_characters_whatever_their_kind()
    {
        Defaults.MinPasswordLength.ShouldBe(15);
        Code("Ab1!Ab1!Ab1!Ab").ShouldBe("password.too_short"); // 14, with every "complexity" class
        Code("mua xuân tây nguyên").ShouldBeNull(); // 19 letters and spaces, no digit, no capital
    }

    [Fact]
    public void length_counts_characters_not_bytes_and_stops_at_128()
    {
        Code("đường đến ấp bắc").ShouldBeNull(); // 16 characters, many of them two UTF-8 bytes
        Code(new string('x', 127) + "y").ShouldBeNull();
        Code(new string('x', 128) + "y").ShouldBe("password.too_long");
    }

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("qwertyuiop")]
    [InlineData("matkhau123")]
    [InlineData("Anhyeuem123")]
    public void passwords_on_the_shipped_list_are_refused_in_any_case(string common) =>
        Code(common, options: Short).ShouldBe("password.common");

    [Fact]
    public void the_shipped_list_holds_zxcvbns_thirty_thousand_and_the_vietnamese_additions()
    {
        PasswordRules.CommonCount.ShouldBeGreaterThan(30_000);
        PasswordRules.IsCommon("123456").ShouldBeTrue();
        PasswordRules.IsCommon("hoptacxa2026").ShouldBeTrue();
        PasswordRules.IsCommon("mua xuân tây nguyên").ShouldBeFalse();
    }

    [Fact]
    public void one_character_repeated_is_refused() =>
        Code(new string('a', 20)).ShouldBe("password.repetitive");

    [Fact]
    public void a_password_containing_the_user_name_is_refused_in_any_case()
    {
        Code("Daklak.Lan-mua-xuan-2026", "daklak.lan").ShouldBe("password.contains_user_name");
        Code("lan-mua-xuan-tay-nguyen", "daklak.lan").ShouldBeNull();
    }

    [Fact]
    public void the_field_named_is_the_callers()
    {
        var refusal = PasswordRules.Refusal("ngan", null, Defaults, "newPassword")!;
        ((Dictionary<string, string[]>)refusal.Extensions["errors"]!)["newPassword"].Single().ShouldContain("ít nhất 15 ký tự");
    }
}
