using System.Text.Json;
using System.Text.Json.Serialization;
using HtxFund.Applications;
using NodaTime;

namespace HtxFund.Infrastructure.Database;

/// <summary>The store's converter for <see cref="ScheduleRow"/>: the six fields read straight into locals, the same JSON
/// as the default contract; used only by <see cref="StoreJsonSerializer"/> (why: docs/design/storage.md, "Schedule rows
/// without boxing").</summary>
public sealed class ScheduleRowJsonConverter : JsonConverter<ScheduleRow>
{
    private static readonly JsonEncodedText Number = JsonEncodedText.Encode("number");
    private static readonly JsonEncodedText DueDate = JsonEncodedText.Encode("dueDate");
    private static readonly JsonEncodedText Principal = JsonEncodedText.Encode("principal");
    private static readonly JsonEncodedText Interest = JsonEncodedText.Encode("interest");
    private static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
    private static readonly JsonEncodedText BalanceAfter = JsonEncodedText.Encode("balanceAfter");

    public override ScheduleRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"Expected an object for {nameof(ScheduleRow)}, found {reader.TokenType}.");
        int number = 0;
        LocalDate dueDate = default;
        long principal = 0, interest = 0, total = 0, balanceAfter = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
                return new ScheduleRow(number, dueDate, principal, interest, total, balanceAfter);
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException();
            if (reader.ValueTextEquals(Number.EncodedUtf8Bytes)) { reader.Read(); number = reader.GetInt32(); }
            else if (reader.ValueTextEquals(DueDate.EncodedUtf8Bytes)) { reader.Read(); dueDate = IsoJsonConverters.LocalDate.Read(ref reader, typeof(LocalDate), options); }
            else if (reader.ValueTextEquals(Principal.EncodedUtf8Bytes)) { reader.Read(); principal = reader.GetInt64(); }
            else if (reader.ValueTextEquals(Interest.EncodedUtf8Bytes)) { reader.Read(); interest = reader.GetInt64(); }
            else if (reader.ValueTextEquals(Total.EncodedUtf8Bytes)) { reader.Read(); total = reader.GetInt64(); }
            else if (reader.ValueTextEquals(BalanceAfter.EncodedUtf8Bytes)) { reader.Read(); balanceAfter = reader.GetInt64(); }
            else { reader.Read(); reader.Skip(); }
        }
        throw new JsonException($"Unfinished {nameof(ScheduleRow)} object.");
    }

    public override void Write(Utf8JsonWriter writer, ScheduleRow value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Number, value.Number);
        writer.WritePropertyName(DueDate);
        IsoJsonConverters.LocalDate.Write(writer, value.DueDate, options);
        writer.WriteNumber(Principal, value.Principal);
        writer.WriteNumber(Interest, value.Interest);
        writer.WriteNumber(Total, value.Total);
        writer.WriteNumber(BalanceAfter, value.BalanceAfter);
        writer.WriteEndObject();
    }
}
