using HtxFund.Infrastructure.Database;

namespace HtxFund.Tests.Infrastructure.Database;

/// <summary>The store's serializer writes text as UTF-8 (Vietnamese names and histories are not inflated into
/// <c>\uXXXX</c> escapes on their way to jsonb) and still escapes what JSON requires, so every text reads back as written.</summary>
public sealed class store_json_serializer
{
    private sealed record Note(string Text);

    [Theory]
    [InlineData("Nguyễn Thị Ánh — Hợp tác xã Đắk Lắk, thu nợ 1.500.000 ₫")]
    [InlineData("Ư ư Ơ ơ Ă ă Â â Ê ê Ô ô Đ đ ẫ ẽ ỹ ọ ụ ậ ặ ệ ộ ợ ự")]
    public void vietnamese_text_is_written_as_its_characters(string text)
    {
        var json = StoreJsonSerializer.Create().ToJson(new Note(text));

        json.ShouldBe($$"""{"text":"{{text}}"}""");
    }

    [Theory]
    [InlineData("dấu \"ngoặc kép\" và \\ gạch chéo")]
    [InlineData("dòng 1\ndòng 2\ttab\r\u0001\u001f")]
    [InlineData("<script>alert('x')</script> & +")]
    [InlineData("\u2028\u2029\u00a0\ufeff")]
    [InlineData("ký tự 😀 ngoài mặt phẳng cơ bản")]
    public void every_text_reads_back_as_written(string text)
    {
        var serializer = StoreJsonSerializer.Create();
        var json = serializer.ToJson(new Note(text));

        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("text").GetString().ShouldBe(text);
        serializer.FromJson<Note>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Text.ShouldBe(text);
    }
}
