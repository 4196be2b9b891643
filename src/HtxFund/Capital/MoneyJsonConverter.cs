using System.Text.Json;
using System.Text.Json.Serialization;
using HtxFund.Lending;

namespace HtxFund.Capital;

/// <summary>
/// Writes <see cref="Money"/> as a plain JSON number of whole đồng (<c>1500000000</c>, not <c>{"dong":1500000000}</c>)
/// and reads it back, refusing fractions. Applied per property with
/// <c>[property: JsonConverter(typeof(MoneyJsonConverter))]</c>, so events, snapshots and HTTP bodies agree
/// (Marten and ASP.NET Core both serialise with System.Text.Json).
/// </summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var dong)) return Money.Of(dong);
        throw new JsonException("An amount must be a whole number of đồng.");
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Dong);
}
