using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HtxFund.Lending.Payments;

namespace HtxFund.Lending.Tests.Payments;

public static class VietQrArbitraries
{
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static Arbitrary<VietQrPayload> Payloads() =>
        (from bin in Gen.ArrayOf(Gen.Choose(0, 9), 6)
         from account in Gen.Choose(1, VietQrPayload.MaxAccountLength).SelectMany(n => Gen.ArrayOf(Gen.Elements(Letters.ToCharArray()), n))
         from amount in Gen.OneOf(Gen.Constant<long?>(null), Gen.Choose(1, int.MaxValue).Select(a => (long?)a),
             Gen.Choose(1, 9_999).Select(a => (long?)(a * 1_000_000_000L)))
         from purpose in Gen.Choose(0, VietQrPayload.MaxPurposeLength).SelectMany(n => Gen.ArrayOf(Gen.Elements((Letters + " ").ToCharArray()), n))
         select new VietQrPayload(string.Concat(bin), new string(account), amount, new string(purpose).Trim()))
        .ToArbitrary();
}

[Properties(Arbitrary = [typeof(VietQrArbitraries)], MaxTest = 300)]
public class vietqr_payload_properties
{
    [Property]
    public bool the_crc_verifies(VietQrPayload payload)
    {
        var text = payload.Build();
        return text[^8..^4] == "6304" && VietQrPayload.Crc16(text[..^4]) == text[^4..] && text[^4..].All(c => c is >= '0' and <= '9' or >= 'A' and <= 'F');
    }

    [Property]
    public bool every_length_matches_its_value_and_the_fields_come_in_order(VietQrPayload payload)
    {
        var text = payload.Build();
        var fields = VietQrPayload.Fields(text);
        var expected = payload.IsDynamic ? new[] { "00", "01", "38", "53", "54", "58" } : ["00", "01", "38", "53", "58"];
        var ids = fields.Keys.ToArray();
        var merchant = VietQrPayload.Fields(fields["38"]);
        return ids.Take(expected.Length).SequenceEqual(expected) && ids[^1] == "63" && fields["63"].Length == 4
            && merchant["00"] == "A000000727" && merchant["02"] == "QRIBFTTA"
            && VietQrPayload.Fields(merchant["01"]).Keys.SequenceEqual(["00", "01"])
            && fields["01"] == (payload.IsDynamic ? "12" : "11");
    }

    [Property]
    public bool parsing_what_was_built_gives_the_same_payload(VietQrPayload payload) => VietQrPayload.Parse(payload.Build()) == payload;

    [Property]
    public bool the_amount_is_whole_dong_without_separators(VietQrPayload payload)
    {
        var fields = VietQrPayload.Fields(payload.Build());
        return payload.Amount is not { } amount ? !fields.ContainsKey("54")
            : fields["54"] == amount.ToString(System.Globalization.CultureInfo.InvariantCulture) && fields["54"].All(char.IsAsciiDigit);
    }

    [Property]
    public bool the_transfer_content_is_at_most_25_ascii_characters_and_a_payment_reference_fits(VietQrPayload payload, Guid loanId)
    {
        var reference = PaymentReference.For(loanId).Value;
        var withReference = payload with { Purpose = reference };
        var content = VietQrPayload.Fields(VietQrPayload.Fields(withReference.Build())["62"])["08"];
        return content == reference && content.Length <= 25 && content.All(char.IsAscii)
            && payload.Build().All(char.IsAscii);
    }

    [Property]
    public bool a_changed_character_fails_the_crc(VietQrPayload payload, PositiveInt position)
    {
        var text = payload.Build();
        var at = position.Get % (text.Length - 4);
        var changed = text[..at] + (text[at] == '9' ? '8' : '9') + text[(at + 1)..];
        try
        {
            VietQrPayload.Parse(changed);
            return false;
        }
        catch (FormatException)
        {
            return true;
        }
    }

    [Fact]
    public void the_crc_is_ccitt_false()
    {
        VietQrPayload.Crc16("123456789").ShouldBe("29B1");
        VietQrPayload.Crc16("").ShouldBe("FFFF");
    }

    [Fact]
    public void a_dynamic_code_for_an_instalment_is_written_field_by_field()
    {
        var text = new VietQrPayload("970436", "0011001234567", 12_500_000, "HTX5N2K8Q1R7T3VW").Build();
        var expectedBody = "000201" + "010212"
            + "3857" + "0010A000000727" + "0127" + "0006970436" + "0113" + "0011001234567" + "0208QRIBFTTA"
            + "5303704" + "540812500000" + "5802VN" + "6220" + "0816HTX5N2K8Q1R7T3VW" + "6304";
        text.ShouldBe(expectedBody + VietQrPayload.Crc16(expectedBody));
    }

    [Fact]
    public void invalid_fields_are_refused()
    {
        VietQrPayload.Problem("97043", "1", 1, "").ShouldNotBeNull();
        VietQrPayload.Problem("970436", "", 1, "").ShouldNotBeNull();
        VietQrPayload.Problem("970436", "1", 0, "").ShouldNotBeNull();
        VietQrPayload.Problem("970436", "1", 1, new string('A', 26)).ShouldNotBeNull();
        VietQrPayload.Problem("970436", "1", 1, "Trả nợ").ShouldNotBeNull();
        VietQrPayload.Problem("970436", "1", null, "TRA NO").ShouldBeNull();
        Should.Throw<ArgumentException>(() => new VietQrPayload("970436", "1", -5, "").Build());
    }
}
